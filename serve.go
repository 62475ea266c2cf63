// Command lrplay serves the LR Playground site and, as subcommands, the
// tools built on the same core.
//
// Usage:
//
//	lrplay [serve] [-addr 127.0.0.1:8080]
//	lrplay eval -spec spec.json -steps N [-format csv|json]
//	lrplay render -spec spec.json -steps N [-o chart.html] [-title T] [-log] [-assets URL]
//	lrplay code -spec spec.json [-framework torch] [-steps 1000]
//	lrplay lint -spec spec.json -steps N [-format text|json]
//	lrplay import -code CALL
//
// eval prints the exact lr of every step; render writes a standalone HTML
// chart (go-echarts' renderer), for docs that cannot host the wasm. A spec
// of - is read from standard input; render writes to standard output unless
// -o names a file.
//
// code prints a runnable Python snippet that reproduces the spec's run of
// -steps steps with a framework's own schedulers: the kind's framework by
// default, another through core.Translate (see core.Code). lint prints the pitfalls core.Lint finds
// in a run (steps counted in epochs, a warmup longer than the run, a cosine
// rising again past T_max, restarts that never happen, ...) with their
// fixes; import turns a scheduler's constructor call pasted from a training
// script into a spec, with notes on standard error.
//
// The exit status is 0 on success, 1 for a bad spec or run, 2 for a usage
// mistake, and 3 when lint finds pitfalls.
//
// The site is the directory site/ at the repository root, written by
// `make build` and embedded into the binary at compile time. A binary built
// before the site answers every request with 503 and says why.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// commands maps each subcommand's name to the function that runs it with the
// arguments after the name. A new subcommand is one entry here and a
// func(args []string) error in its own file.
var commands = map[string]func(args []string) error{
	"serve":  serve,
	"eval":   evalCmd,
	"render": renderCmd,
	"code":   codeCmd,
	"lint":   lintCmd,
	"import": importCmd,
}

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stderr))
}

// dispatch runs the subcommand named by args[0] and returns the exit status.
// No arguments, or a flag first, means serve.
func dispatch(args []string, stderr io.Writer) int {
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "lrplay: unknown command %q; commands: %s\n", name, strings.Join(slices.Sorted(maps.Keys(commands)), ", "))
		return 2
	}
	err := cmd(args)
	var usage usageError
	var status exitStatus
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &status):
		return int(status)
	case errors.As(err, &usage):
		if usage != "" {
			fmt.Fprintf(stderr, "lrplay %s: %v\n", name, err)
		}
		return 2
	default:
		fmt.Fprintf(stderr, "lrplay %s: %v\n", name, err)
		return 1
	}
}

// usageError is a mistake on the command line (exit status 2). It is empty
// when the flag package has already printed the error and the usage.
type usageError string

func (e usageError) Error() string { return string(e) }

// exitStatus ends a command that has said all it had to say with that exit
// status (lint's exitFindings).
type exitStatus int

func (e exitStatus) Error() string { return "exit status " + strconv.Itoa(int(e)) }

// parseFlags parses args with fl for a command that takes flags only: a parse
// error or a positional argument is a usageError; -h and -help give
// flag.ErrHelp.
func parseFlags(fl *flag.FlagSet, args []string) error {
	err := fl.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return err
	case err != nil:
		return usageError("")
	case fl.NArg() > 0:
		return usageError(fmt.Sprintf("unexpected argument %q", fl.Arg(0)))
	}
	return nil
}

// Serving.

//go:embed all:site
var embedded embed.FS

// notBuilt is what the server says, at startup and to every request, when the
// binary was compiled before `make build` wrote the site.
const notBuilt = "the site is not built: run make build"

// Server limits. The site is static and small, so every request is short.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 30 * time.Second // the wasm is the largest file
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 16 << 10
	shutdownTimeout   = 5 * time.Second
)

// serve is the default command: it serves the embedded site until SIGINT or
// SIGTERM.
func serve(args []string) error {
	fl := flag.NewFlagSet("lrplay serve", flag.ContinueOnError)
	addr := fl.String("addr", "127.0.0.1:8080", "listen on `host:port` (loopback by default: nothing is exposed to the network unless asked)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	site, err := fs.Sub(embedded, "site")
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	return run(ctx, ln, site, os.Stdout, os.Stderr)
}

// run serves site on ln until ctx is done, then shuts down gracefully,
// giving requests in flight shutdownTimeout to finish.
func run(ctx context.Context, ln net.Listener, site fs.FS, stdout, stderr io.Writer) error {
	if _, err := fs.Stat(site, "index.html"); err != nil {
		fmt.Fprintln(stderr, "lrplay: "+notBuilt)
	}
	srv := newServer(site)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "LR Playground: %s\n", siteURL(ln.Addr()))

	select {
	case err := <-served: // Serve returns only on failure here.
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newServer returns the server for site, with limits fit for a static site.
func newServer(site fs.FS) *http.Server {
	return &http.Server{
		Handler:           newHandler(site),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
	}
}

// siteURL is the URL to open for a server listening on a; an unspecified
// address (":8080", "0.0.0.0:8080") is opened as localhost.
func siteURL(a net.Addr) string {
	host := a.String()
	if t, ok := a.(*net.TCPAddr); ok && t.IP.IsUnspecified() {
		host = net.JoinHostPort("localhost", strconv.Itoa(t.Port))
	}
	return "http://" + host + "/"
}

// The handler.

// securityHeaders go on every response, errors included.
var securityHeaders = [...]struct{ name, value string }{
	// Only our own files run. The wasm needs 'wasm-unsafe-eval' to compile;
	// no inline script and no eval. ECharts sets inline styles, and exports
	// charts as data:/blob: images. No frame-ancestors (and no
	// X-Frame-Options): docs sites on any origin embed our pages in iframes.
	{"Content-Security-Policy", "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
		"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
		"object-src 'none'; base-uri 'none'; form-action 'none'"},
	// Browsers trust our Content-Type instead of guessing script from data.
	{"X-Content-Type-Options", "nosniff"},
	// The URL query holds the user's whole schedule; it is nobody else's business.
	{"Referrer-Policy", "no-referrer"},
	// Docs sites on other origins load our files (embed.html, the wasm, scripts).
	{"Cross-Origin-Resource-Policy", "cross-origin"},
}

// contentTypes maps a file extension to the Content-Type it is served with;
// anything else is application/octet-stream. Explicit, so the answer never
// depends on the host's mime tables.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".txt":  "text/plain; charset=utf-8",
	".ico":  "image/x-icon",
}

// encodings are the precompressed variants looked for beside each file, in
// order of preference when the client accepts several equally.
var encodings = [...]struct{ coding, ext string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// asset is one servable file and its precompressed variants.
type asset struct {
	contentType string
	plain       variant
	encoded     []variant // in the order of encodings; only those present
}

// variant is the bytes served for one Content-Encoding ("" for none).
type variant struct {
	coding string
	data   []byte
	etag   string
}

// siteHandler serves a site read entirely at construction: requests never
// touch the file system, and only names found by walking it can be served.
type siteHandler struct {
	assets map[string]*asset // by fs path: "index.html", "examples/a.json"
}

// newHandler returns the handler for the static site in site, which must not
// change afterwards. It serves GET and HEAD only:
//
//   - "/" is index.html, "/x" is x, "/dir/" is dir/index.html, and "/dir"
//     redirects to "/dir/" when that exists; there are no directory listings.
//   - Paths with "..", a backslash, a NUL, a segment starting with ".", an
//     empty segment or an encoded dot, slash, backslash or NUL are 404.
//   - x.br and x.gz are served for x, with Content-Encoding and x's
//     Content-Type, to clients that accept them; by their own names they are
//     404. (A .gz with no x beside it is an ordinary file, served as
//     application/octet-stream.)
//   - Each response carries a strong ETag (a hash of the bytes sent) and
//     Cache-Control: no-cache, so browsers revalidate and the wasm and its
//     loader never come from different builds.
//
// Without index.html it answers every request with 503 and [notBuilt].
func newHandler(site fs.FS) http.Handler {
	h, err := load(site)
	switch {
	case err != nil:
		return unavailable(http.StatusInternalServerError, "the site could not be read")
	case h.assets["index.html"] == nil:
		return unavailable(http.StatusServiceUnavailable, notBuilt)
	}
	return h
}

// load reads every regular file of site that a request may name.
func load(site fs.FS) (*siteHandler, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case name != "." && strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case !d.Type().IsRegular():
			return nil // directories, symlinks, devices
		}
		b, err := fs.ReadFile(site, name)
		files[name] = b
		return err
	})
	if err != nil {
		return nil, err
	}
	h := &siteHandler{assets: map[string]*asset{}}
	for name, data := range files {
		if isVariant(name, files) {
			continue
		}
		a := &asset{contentType: contentType(name), plain: newVariant("", data)}
		for _, e := range encodings {
			if b, ok := files[name+e.ext]; ok {
				a.encoded = append(a.encoded, newVariant(e.coding, b))
			}
		}
		h.assets[name] = a
	}
	return h, nil
}

// isVariant reports whether name is a precompressed copy of another file.
func isVariant(name string, files map[string][]byte) bool {
	for _, e := range encodings {
		if base, ok := strings.CutSuffix(name, e.ext); ok {
			if _, ok := files[base]; ok {
				return true
			}
		}
	}
	return false
}

func newVariant(coding string, data []byte) variant {
	sum := sha256.Sum256(data)
	return variant{coding: coding, data: data, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
}

func contentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

func setSecurityHeaders(h http.Header) {
	for _, s := range securityHeaders {
		h.Set(s.name, s.value)
	}
}

// unavailable answers every request with status and msg.
func unavailable(status int, msg string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w.Header())
		http.Error(w, msg, status)
	})
}

func (h *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := requestName(r)
	if !ok {
		notFound(w)
		return
	}
	a := h.assets[name]
	if a == nil {
		// "/dir" for "/dir/": relative links in dir/index.html need the slash.
		if !strings.HasSuffix(r.URL.Path, "/") && h.assets[name+"/index.html"] != nil {
			target := (&url.URL{Path: "/" + name + "/", RawQuery: r.URL.RawQuery}).String()
			w.Header().Set("Location", target)
			w.WriteHeader(http.StatusMovedPermanently) // no body: nothing of the request is echoed
			return
		}
		notFound(w)
		return
	}
	v := a.choose(r.Header.Get("Accept-Encoding"))
	hdr := w.Header()
	hdr.Set("Content-Type", a.contentType)
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("ETag", v.etag)
	if len(a.encoded) > 0 {
		hdr.Set("Vary", "Accept-Encoding")
	}
	if v.coding != "" {
		hdr.Set("Content-Encoding", v.coding)
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(v.data))
}

func notFound(w http.ResponseWriter) {
	http.Error(w, "not found", http.StatusNotFound)
}

// requestName returns the file a request names, or false if the path is one
// that may never be served. It decides from the path alone.
func requestName(r *http.Request) (string, bool) {
	// Encoded dots, slashes, backslashes and NULs have no use in our file
	// names and are the raw material of traversal tricks: refuse them as sent.
	raw, _, _ := strings.Cut(r.RequestURI, "?")
	for _, s := range [...]string{raw, r.URL.EscapedPath()} {
		s = strings.ToLower(s)
		for _, bad := range [...]string{"%2e", "%2f", "%5c", "%00"} {
			if strings.Contains(s, bad) {
				return "", false
			}
		}
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.Contains(p, "..") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := p[1:]
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	for seg := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	return name, true
}

// choose returns the variant to send for the Accept-Encoding header ae: the
// encoding the client rates highest, the earliest in encodings on a tie, or
// the file itself if it accepts none of them.
func (a *asset) choose(ae string) variant {
	best, bestQ := a.plain, 0.0
	if ae == "" {
		return best
	}
	for _, v := range a.encoded {
		if q := quality(ae, v.coding); q > bestQ {
			best, bestQ = v, q
		}
	}
	return best
}

// quality returns the weight Accept-Encoding header ae gives coding, from 0
// (not acceptable) to 1. A coding not named takes the weight of "*", if any.
// A malformed weight counts as 0.
func quality(ae, coding string) float64 {
	named, star := -1.0, -1.0
	for part := range strings.SplitSeq(ae, ",") {
		tok, params, _ := strings.Cut(part, ";")
		tok = strings.ToLower(strings.TrimSpace(tok))
		q := 1.0
		for p := range strings.SplitSeq(params, ";") {
			k, val, ok := strings.Cut(p, "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
				if err != nil || !(f >= 0 && f <= 1) {
					f = 0
				}
				q = f
			}
		}
		switch {
		case tok == coding, coding == "gzip" && tok == "x-gzip":
			named = max(named, q)
		case tok == "*":
			star = q
		}
	}
	switch {
	case named >= 0:
		return named
	case star >= 0:
		return star
	}
	return 0
}
