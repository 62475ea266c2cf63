package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// testSite is a built site: files, precompressed variants, a subdirectory
// with an index, one without, and things that must never be served.
func testSite() fstest.MapFS {
	return fstest.MapFS{
		"index.html":     {Data: []byte("<h1>home</h1>")},
		"app.js":         {Data: []byte("console.log('plain')")},
		"app.js.br":      {Data: []byte("BROTLI app.js")},
		"app.js.gz":      {Data: []byte("GZIP app.js")},
		"lrplay.wasm":    {Data: []byte("\x00asm plain")},
		"lrplay.wasm.gz": {Data: []byte("GZIP wasm")},
		"style.css":      {Data: []byte("body{}")},
		"data.json":      {Data: []byte(`{"a":1}`)},
		"icon.svg":       {Data: []byte("<svg/>")},
		"img.png":        {Data: []byte("\x89PNG")},
		"notes.txt":      {Data: []byte("notes")},
		"favicon.ico":    {Data: []byte("ico")},
		"UPPER.HTML":     {Data: []byte("<p>upper</p>")},
		"blob.bin":       {Data: []byte("bin")},
		"archive.tar.gz": {Data: []byte("a gzip with no base file")},
		"sub/index.html": {Data: []byte("<h1>sub</h1>")},
		"sub/page.html":  {Data: []byte("<p>page</p>")},
		"sub/.hidden":    {Data: []byte("hidden")},
		"empty/a.txt":    {Data: []byte("a")},
		".gitkeep":       {Data: []byte("")},
		".git/config":    {Data: []byte("[core]")},
		"link":           {Data: []byte("index.html"), Mode: fs.ModeSymlink},
	}
}

// do sends one request to h. headers are name, value pairs.
func do(h http.Handler, method, target string, headers ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestHandlerFiles(t *testing.T) {
	h := newHandler(testSite())
	tests := []struct {
		path       string
		wantStatus int
		wantType   string
		wantBody   string
	}{
		{"/", 200, "text/html; charset=utf-8", "<h1>home</h1>"},
		{"/index.html", 200, "text/html; charset=utf-8", "<h1>home</h1>"},
		{"/?kind=cosine&T_max=100", 200, "text/html; charset=utf-8", "<h1>home</h1>"},
		{"/app.js", 200, "text/javascript; charset=utf-8", "console.log('plain')"},
		{"/style.css", 200, "text/css; charset=utf-8", "body{}"},
		{"/lrplay.wasm", 200, "application/wasm", "\x00asm plain"},
		{"/data.json", 200, "application/json", `{"a":1}`},
		{"/icon.svg", 200, "image/svg+xml", "<svg/>"},
		{"/img.png", 200, "image/png", "\x89PNG"},
		{"/notes.txt", 200, "text/plain; charset=utf-8", "notes"},
		{"/favicon.ico", 200, "image/x-icon", "ico"},
		{"/UPPER.HTML", 200, "text/html; charset=utf-8", "<p>upper</p>"},
		{"/blob.bin", 200, "application/octet-stream", "bin"},
		{"/archive.tar.gz", 200, "application/octet-stream", "a gzip with no base file"},
		{"/sub/", 200, "text/html; charset=utf-8", "<h1>sub</h1>"},
		{"/sub/index.html", 200, "text/html; charset=utf-8", "<h1>sub</h1>"},
		{"/sub/page.html", 200, "text/html; charset=utf-8", "<p>page</p>"},

		// Precompressed variants are not addressable by their own names.
		{"/app.js.br", 404, "text/plain; charset=utf-8", "not found\n"},
		{"/app.js.gz", 404, "text/plain; charset=utf-8", "not found\n"},
		{"/lrplay.wasm.gz", 404, "text/plain; charset=utf-8", "not found\n"},
		// A directory without index.html is not listed.
		{"/empty/", 404, "text/plain; charset=utf-8", "not found\n"},
		{"/empty", 404, "text/plain; charset=utf-8", "not found\n"},
		{"/missing.js", 404, "text/plain; charset=utf-8", "not found\n"},
		{"/index.html/", 404, "text/plain; charset=utf-8", "not found\n"},
		{"/sub//page.html", 404, "text/plain; charset=utf-8", "not found\n"},
		{"/link", 404, "text/plain; charset=utf-8", "not found\n"},
		// The path is never echoed.
		{"/%3Cscript%3Ealert(1)%3C/script%3E", 404, "text/plain; charset=utf-8", "not found\n"},
	}
	for _, tt := range tests {
		rec := do(h, "GET", tt.path)
		if rec.Code != tt.wantStatus {
			t.Errorf("GET %s: status %d, want %d", tt.path, rec.Code, tt.wantStatus)
		}
		if got := rec.Header().Get("Content-Type"); got != tt.wantType {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, got, tt.wantType)
		}
		if got := rec.Body.String(); got != tt.wantBody {
			t.Errorf("GET %s: body %q, want %q", tt.path, got, tt.wantBody)
		}
		if tt.wantStatus == 200 {
			if got := rec.Header().Get("Cache-Control"); got != "no-cache" {
				t.Errorf("GET %s: Cache-Control %q, want no-cache", tt.path, got)
			}
			if got := rec.Header().Get("Last-Modified"); got != "" {
				t.Errorf("GET %s: Last-Modified %q, want none", tt.path, got)
			}
		}
	}
}

func TestHandlerDirectoryRedirect(t *testing.T) {
	h := newHandler(testSite())
	tests := []struct{ path, want string }{
		{"/sub", "/sub/"},
		{"/sub?kind=cosine&lr=0.1", "/sub/?kind=cosine&lr=0.1"},
	}
	for _, tt := range tests {
		rec := do(h, "GET", tt.path)
		if rec.Code != http.StatusMovedPermanently {
			t.Errorf("GET %s: status %d, want 301", tt.path, rec.Code)
		}
		if got := rec.Header().Get("Location"); got != tt.want {
			t.Errorf("GET %s: Location %q, want %q", tt.path, got, tt.want)
		}
		if rec.Body.Len() != 0 {
			t.Errorf("GET %s: body %q, want none", tt.path, rec.Body)
		}
	}
}

func TestHandlerHead(t *testing.T) {
	h := newHandler(testSite())
	for _, path := range []string{"/", "/app.js", "/lrplay.wasm"} {
		get, head := do(h, "GET", path), do(h, "HEAD", path)
		if head.Code != 200 {
			t.Errorf("HEAD %s: status %d, want 200", path, head.Code)
		}
		if head.Body.Len() != 0 {
			t.Errorf("HEAD %s: body %q, want none", path, head.Body)
		}
		for _, k := range []string{"Content-Type", "Content-Length", "ETag", "Cache-Control"} {
			if g, h := get.Header().Get(k), head.Header().Get(k); g != h || h == "" {
				t.Errorf("HEAD %s: %s %q, GET has %q", path, k, h, g)
			}
		}
	}
}

func TestHandlerMethods(t *testing.T) {
	h := newHandler(testSite())
	// Methods are case-sensitive: "get" is not GET.
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT",
		"PROPFIND", "MKCOL", "LINK", "BREW", "get", "head"} {
		for _, path := range []string{"/", "/app.js", "/missing", "/../etc/passwd"} {
			rec := do(h, method, path)
			if rec.Code != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: status %d, want 405", method, path, rec.Code)
			}
			if got := rec.Header().Get("Allow"); got != "GET, HEAD" {
				t.Errorf("%s %s: Allow %q, want %q", method, path, got, "GET, HEAD")
			}
			if got := rec.Body.String(); got != "method not allowed\n" {
				t.Errorf("%s %s: body %q", method, path, got)
			}
		}
	}
}

func TestHandlerETag(t *testing.T) {
	h := newHandler(testSite())
	plain := do(h, "GET", "/app.js")
	br := do(h, "GET", "/app.js", "Accept-Encoding", "br")
	gz := do(h, "GET", "/app.js", "Accept-Encoding", "gzip")
	tags := map[string]bool{}
	for _, rec := range []*httptest.ResponseRecorder{plain, br, gz} {
		tag := rec.Header().Get("ETag")
		if len(tag) < 3 || tag[0] != '"' || tag[len(tag)-1] != '"' {
			t.Errorf("ETag %q: want a strong, quoted tag", tag)
		}
		tags[tag] = true
	}
	if len(tags) != 3 {
		t.Errorf("ETags of the plain, br and gzip app.js: %v, want 3 different", tags)
	}

	// The same bytes give the same tag; other bytes another.
	if got := do(newHandler(testSite()), "GET", "/app.js").Header().Get("ETag"); got != plain.Header().Get("ETag") {
		t.Errorf("ETag of the same file in a new handler: %q, want %q", got, plain.Header().Get("ETag"))
	}
	changed := testSite()
	changed["app.js"] = &fstest.MapFile{Data: []byte("console.log('changed')")}
	if got := do(newHandler(changed), "GET", "/app.js").Header().Get("ETag"); got == plain.Header().Get("ETag") {
		t.Errorf("ETag of a changed file: %q, same as before", got)
	}

	tests := []struct {
		method, ifNoneMatch, acceptEncoding string
		want                                int
	}{
		{"GET", plain.Header().Get("ETag"), "", 304},
		{"HEAD", plain.Header().Get("ETag"), "", 304},
		{"GET", br.Header().Get("ETag"), "br", 304},
		{"GET", `"other", ` + gz.Header().Get("ETag"), "gzip", 304},
		{"GET", "*", "", 304},
		{"GET", `"other"`, "", 200},
		{"GET", br.Header().Get("ETag"), "", 200}, // a br tag does not validate the plain file
		{"GET", "W/" + plain.Header().Get("ETag"), "", 304},
	}
	for _, tt := range tests {
		rec := do(h, tt.method, "/app.js", "If-None-Match", tt.ifNoneMatch, "Accept-Encoding", tt.acceptEncoding)
		if rec.Code != tt.want {
			t.Errorf("%s /app.js, If-None-Match %s, Accept-Encoding %q: status %d, want %d",
				tt.method, tt.ifNoneMatch, tt.acceptEncoding, rec.Code, tt.want)
		}
		if rec.Code == 304 {
			if rec.Body.Len() != 0 {
				t.Errorf("304: body %q, want none", rec.Body)
			}
			if rec.Header().Get("ETag") == "" || rec.Header().Get("Vary") != "Accept-Encoding" {
				t.Errorf("304: ETag %q, Vary %q; want both", rec.Header().Get("ETag"), rec.Header().Get("Vary"))
			}
		}
	}
}

func TestHandlerRange(t *testing.T) {
	rec := do(newHandler(testSite()), "GET", "/notes.txt", "Range", "bytes=1-2")
	if rec.Code != http.StatusPartialContent || rec.Body.String() != "ot" {
		t.Errorf("GET /notes.txt, Range bytes=1-2: %d %q, want 206 %q", rec.Code, rec.Body, "ot")
	}
}

func TestHandlerPrecompressed(t *testing.T) {
	h := newHandler(testSite())
	tests := []struct {
		path, acceptEncoding string
		wantEncoding         string
		wantBody             string
	}{
		{"/app.js", "", "", "console.log('plain')"},
		{"/app.js", "identity", "", "console.log('plain')"},
		{"/app.js", "gzip", "gzip", "GZIP app.js"},
		{"/app.js", "x-gzip", "gzip", "GZIP app.js"},
		{"/app.js", "br", "br", "BROTLI app.js"},
		{"/app.js", "BR", "br", "BROTLI app.js"},
		{"/app.js", "gzip, deflate, br, zstd", "br", "BROTLI app.js"},
		{"/app.js", "br, gzip", "br", "BROTLI app.js"},
		{"/app.js", "br;q=0, gzip", "gzip", "GZIP app.js"},
		{"/app.js", "br; q=0.0, gzip", "gzip", "GZIP app.js"},
		{"/app.js", "br;q=0", "", "console.log('plain')"},
		{"/app.js", "br;q=0, gzip;q=0", "", "console.log('plain')"},
		{"/app.js", "gzip;q=0.8, br;q=0.5", "gzip", "GZIP app.js"},
		{"/app.js", "gzip;q=0.5, br;q=0.5", "br", "BROTLI app.js"},
		{"/app.js", "*", "br", "BROTLI app.js"},
		{"/app.js", "*;q=0", "", "console.log('plain')"},
		{"/app.js", "br;q=0, *", "gzip", "GZIP app.js"},
		{"/app.js", "br;q=nan, gzip", "gzip", "GZIP app.js"},
		{"/app.js", "br;q=2, gzip", "gzip", "GZIP app.js"},
		{"/app.js", "deflate", "", "console.log('plain')"},
		{"/lrplay.wasm", "br, gzip", "gzip", "GZIP wasm"},
		{"/lrplay.wasm", "br", "", "\x00asm plain"},
	}
	for _, tt := range tests {
		rec := do(h, "GET", tt.path, "Accept-Encoding", tt.acceptEncoding)
		what := tt.path + ", Accept-Encoding " + tt.acceptEncoding
		if rec.Code != 200 {
			t.Errorf("%s: status %d, want 200", what, rec.Code)
		}
		if got := rec.Header().Get("Content-Encoding"); got != tt.wantEncoding {
			t.Errorf("%s: Content-Encoding %q, want %q", what, got, tt.wantEncoding)
		}
		if got := rec.Body.String(); got != tt.wantBody {
			t.Errorf("%s: body %q, want %q", what, got, tt.wantBody)
		}
		if got, want := rec.Header().Get("Content-Type"), contentTypeOf(tt.path); got != want {
			t.Errorf("%s: Content-Type %q, want %q", what, got, want)
		}
		if got := rec.Header().Get("Vary"); got != "Accept-Encoding" {
			t.Errorf("%s: Vary %q, want Accept-Encoding", what, got)
		}
	}

	// A file without variants does not vary.
	rec := do(h, "GET", "/style.css", "Accept-Encoding", "br, gzip")
	if got := rec.Header().Get("Vary"); got != "" {
		t.Errorf("/style.css: Vary %q, want none", got)
	}
	if got := rec.Header().Get("Content-Encoding"); got != "" {
		t.Errorf("/style.css: Content-Encoding %q, want none", got)
	}
}

func contentTypeOf(path string) string {
	if strings.HasSuffix(path, ".wasm") {
		return "application/wasm"
	}
	return "text/javascript; charset=utf-8"
}

// recordingFS records every name opened in it.
type recordingFS struct {
	fsys   fs.FS
	mu     sync.Mutex
	opened []string
}

func (r *recordingFS) Open(name string) (fs.File, error) {
	r.mu.Lock()
	r.opened = append(r.opened, name)
	r.mu.Unlock()
	return r.fsys.Open(name)
}

func (r *recordingFS) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	opened := r.opened
	r.opened = nil
	return opened
}

// secretsBeside returns the test site as production has it, a
// subdirectory of a larger FS, with secrets beside it and inside it, and
// the recorder of every name opened in that FS.
func secretsBeside(t *testing.T) (*recordingFS, fs.FS) {
	t.Helper()
	root := fstest.MapFS{
		"secret.txt":         {Data: []byte("SECRET")},
		"etc/passwd":         {Data: []byte("SECRET")},
		"Windows/win.ini":    {Data: []byte("SECRET")},
		"C:/Windows/win.ini": {Data: []byte("SECRET")},
		"site/x/.env":        {Data: []byte("SECRET")},
	}
	for name, f := range testSite() {
		root["site/"+name] = f
	}
	rec := &recordingFS{fsys: root}
	site, err := fs.Sub(rec, "site")
	if err != nil {
		t.Fatal(err)
	}
	return rec, site
}

func TestHandlerRejectsTraversal(t *testing.T) {
	rec, site := secretsBeside(t)
	h := newHandler(site)

	// Building the handler reads the site and nothing else.
	for _, name := range rec.take() {
		if name != "site" && !strings.HasPrefix(name, "site/") {
			t.Errorf("newHandler opened %q, outside the site", name)
		}
		if strings.Contains(name, "/.") {
			t.Errorf("newHandler opened %q, a dotfile", name)
		}
	}

	paths := []string{
		"/..", "/../", "/../secret.txt", "/../../etc/passwd", "/sub/../index.html", "/sub/../../secret.txt",
		"/...", "/..%20", "/sub/..",
		"/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%2e./secret.txt", "/.%2e/secret.txt",
		"/..%2fsecret.txt", "/..%2Fsecret.txt", "/%2e%2e%2fsecret.txt", "/sub%2findex.html",
		"/%2fetc/passwd", "/%2Fetc%2Fpasswd",
		"/..%5csecret.txt", "/..%5Csecret.txt", "/%5c..%5csecret.txt", "/sub%5cindex.html",
		"/..\\secret.txt", "/sub\\index.html", "/\\etc\\passwd",
		"/%252e%252e/secret.txt", "/..%252fsecret.txt",
		"//etc/passwd", "///etc/passwd", "//", "//secret.txt",
		"/index.html%00", "/%00", "/index.html%00.js",
		"/.gitkeep", "/.git/config", "/.git/", "/.git", "/sub/.hidden", "/x/.env", "/%2egitkeep",
		"/./index.html", "/sub/./page.html", "/.", "/sub/.",
		// Trailing dots (Windows drops them), drive letters, doubled backslashes,
		// overlong UTF-8 for "/", and every encoding mixed.
		"/index.html.", "/index.html..", "/sub./page.html", "/sub../page.html",
		"/C:/Windows/win.ini", "/C:%5cWindows%5cwin.ini", "/C:\\Windows\\win.ini", "/c:/windows/win.ini",
		"/\\..\\secret.txt", "/\\\\..\\\\secret.txt", "/%5c%5c..%5c%5csecret.txt", "/..%c0%afsecret.txt", "/..%e0%80%afsecret.txt",
		"/%2e%2e%5csecret.txt", "/sub/..%2f..%2fsecret.txt", "/.%2E/", "/%252e%252e%252fsecret.txt",
		"/index.html%2500", "/..;/secret.txt", "/sub/..;/../secret.txt",
	}
	for _, path := range paths {
		for _, method := range []string{"GET", "HEAD"} {
			res := do(h, method, path)
			if res.Code != http.StatusNotFound {
				t.Errorf("%s %s: status %d, want 404", method, path, res.Code)
			}
			if strings.Contains(res.Body.String(), "SECRET") {
				t.Errorf("%s %s: served a secret", method, path)
			}
			if opened := rec.take(); len(opened) > 0 {
				t.Errorf("%s %s: opened %q", method, path, opened)
			}
		}
	}

	// Good requests do not touch the file system either: it was read once.
	for _, path := range []string{"/", "/app.js", "/sub/", "/sub"} {
		do(h, "GET", path, "Accept-Encoding", "br")
		if opened := rec.take(); len(opened) > 0 {
			t.Errorf("GET %s: opened %q", path, opened)
		}
	}
}

// TestServerRejectsTraversalOnTheWire sends raw request lines, which no
// client library would build, to the real server on a loopback port: each
// is 404 from our handler or 400 from net/http, which refuses some request
// lines (a NUL or a space in the target, a target that starts with neither
// "/" nor a scheme) before any handler runs. No file outside the site is
// opened, and the handler opens none at all after it was built.
func TestServerRejectsTraversalOnTheWire(t *testing.T) {
	rec, site := secretsBeside(t)
	srv := newServer(site)
	rec.take()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()

	tests := []struct {
		target string
		want   int
	}{
		{"/../secret.txt", 404},
		{"/../../etc/passwd", 404},
		{"/%2e%2e/secret.txt", 404},
		{"/%2E%2E/secret.txt", 404},
		{"/..%2fsecret.txt", 404},
		{"/..%5csecret.txt", 404},
		{"/%252e%252e/secret.txt", 404},
		{"/..\\secret.txt", 404},
		{"/\\..\\secret.txt", 404},
		{"/\\\\..\\\\secret.txt", 404},
		{"/./index.html", 404},
		{"/index.html.", 404},
		{"//etc/passwd", 404},
		{"/etc/passwd", 404},
		{"/C:\\Windows\\win.ini", 404},
		{"C:\\Windows\\win.ini", 404}, // a URL with scheme "c:" and no path
		{"http://127.0.0.1/../secret.txt", 404},
		{"http://127.0.0.1/%2e%2e/secret.txt", 404},
		{"/index.html%00", 404},
		{"*", 404},
		// net/http answers 400 before the handler runs.
		{"\\..\\secret.txt", 400},
		{"etc/passwd", 400},
		{"../secret.txt", 400},
		{"/index.html\x00", 400},
		{"/../secret.txt\x00", 400},
		{"/.. /secret.txt", 400},
		{"/\x7f", 400},
	}
	for _, tt := range tests {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", tt.target)
		res, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("GET %q: %v", tt.target, err)
		}
		body, _ := io.ReadAll(res.Body)
		c.Close()
		if res.StatusCode != tt.want {
			t.Errorf("GET %q: status %d, want %d", tt.target, res.StatusCode, tt.want)
		}
		if bytes.Contains(body, []byte("SECRET")) {
			t.Errorf("GET %q: served a secret", tt.target)
		}
		if tt.want == 404 && res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %q: answered without our headers: not from our handler", tt.target)
		}
	}
	if opened := rec.take(); len(opened) > 0 {
		t.Errorf("serving opened %q", opened)
	}
}

// TestRequestNameRaw covers paths a client can send but httptest.NewRequest
// cannot build: a raw NUL, and a path without the leading slash.
func TestRequestNameRaw(t *testing.T) {
	h := newHandler(testSite())
	for _, p := range []string{"/index.html\x00", "index.html", "*", ""} {
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path, req.URL.RawPath, req.RequestURI = p, "", p
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %q: status %d, want 404", p, rec.Code)
		}
	}
}

func TestHandlerSecurityHeaders(t *testing.T) {
	h := newHandler(testSite())
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
			"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
			"object-src 'none'; base-uri 'none'; form-action 'none'",
		"X-Content-Type-Options":       "nosniff",
		"Referrer-Policy":              "no-referrer",
		"Cross-Origin-Resource-Policy": "cross-origin",
	}
	etag := do(h, "GET", "/").Header().Get("ETag")
	responses := map[string]*httptest.ResponseRecorder{
		"200":     do(h, "GET", "/"),
		"200 br":  do(h, "GET", "/app.js", "Accept-Encoding", "br"),
		"206":     do(h, "GET", "/app.js", "Range", "bytes=0-1"),
		"416":     do(h, "GET", "/app.js", "Range", "bytes=1000-"),
		"HEAD":    do(h, "HEAD", "/"),
		"304":     do(h, "GET", "/", "If-None-Match", etag),
		"301":     do(h, "GET", "/sub"),
		"404":     do(h, "GET", "/missing"),
		"404 ..":  do(h, "GET", "/../secret"),
		"405":     do(h, "POST", "/"),
		"503":     do(newHandler(fstest.MapFS{}), "GET", "/"),
		"500":     do(newHandler(brokenFS{testSite()}), "GET", "/"),
		"503 405": do(newHandler(fstest.MapFS{}), "DELETE", "/"),
	}
	for what, rec := range responses {
		for k, v := range want {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("%s: %s %q, want %q", what, k, got, v)
			}
		}
		// Docs sites embed our pages in iframes from any origin.
		if got := rec.Header().Get("X-Frame-Options"); got != "" {
			t.Errorf("%s: X-Frame-Options %q, want none", what, got)
		}
		if strings.Contains(rec.Header().Get("Content-Security-Policy"), "frame-ancestors") {
			t.Errorf("%s: CSP restricts frame-ancestors", what)
		}
	}
}

func TestHandlerNotBuilt(t *testing.T) {
	for _, site := range []fstest.MapFS{
		{},
		{".gitkeep": {}},
		{"sub/index.html": {Data: []byte("not the root")}, "app.js": {Data: []byte("x")}},
	} {
		h := newHandler(site)
		for _, req := range [][2]string{{"GET", "/"}, {"GET", "/app.js"}, {"HEAD", "/"}, {"POST", "/"}, {"GET", "/../x"}} {
			rec := do(h, req[0], req[1])
			if rec.Code != http.StatusServiceUnavailable {
				t.Errorf("%v: %s %s: status %d, want 503", keys(site), req[0], req[1], rec.Code)
			}
			if req[0] != "HEAD" && !strings.Contains(rec.Body.String(), "the site is not built: run make build") {
				t.Errorf("%v: %s %s: body %q", keys(site), req[0], req[1], rec.Body)
			}
			if got := rec.Header().Get("Content-Type"); got != "text/plain; charset=utf-8" {
				t.Errorf("%v: %s %s: Content-Type %q", keys(site), req[0], req[1], got)
			}
		}
	}
}

func keys(m fstest.MapFS) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// brokenFS fails to open one of the files it lists. It has only Open, so
// fs.ReadFile and fs.ReadDir go through it.
type brokenFS struct{ m fstest.MapFS }

func (b brokenFS) Open(name string) (fs.File, error) {
	if name == "app.js" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return b.m.Open(name)
}

func TestHandlerUnreadable(t *testing.T) {
	rec := do(newHandler(brokenFS{testSite()}), "GET", "/")
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("GET / of an unreadable site: status %d, want 500", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "app.js") || strings.Contains(rec.Body.String(), "permission") {
		t.Errorf("GET / of an unreadable site: body %q tells too much", rec.Body)
	}
}

// TestEmbeddedSite checks the site compiled into this binary, built or not.
func TestEmbeddedSite(t *testing.T) {
	site, err := fs.Sub(embedded, "site")
	if err != nil {
		t.Fatal(err)
	}
	h := newHandler(site)
	want := http.StatusServiceUnavailable
	if _, err := fs.Stat(site, "index.html"); err == nil {
		want = http.StatusOK
		if rec := do(h, "GET", "/.gitkeep"); rec.Code != http.StatusNotFound {
			t.Errorf("GET /.gitkeep: status %d, want 404", rec.Code)
		}
	}
	if rec := do(h, "GET", "/"); rec.Code != want {
		t.Errorf("GET /: status %d, want %d", rec.Code, want)
	}
}

func TestNewServer(t *testing.T) {
	srv := newServer(testSite())
	if srv.ReadHeaderTimeout != 5*time.Second || srv.ReadTimeout != 10*time.Second ||
		srv.WriteTimeout != 30*time.Second || srv.IdleTimeout != 60*time.Second ||
		srv.MaxHeaderBytes != 16<<10 {
		t.Errorf("server limits: header %v, read %v, write %v, idle %v, max header %d",
			srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout, srv.MaxHeaderBytes)
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRun starts the real server on a loopback port, fetches a page, and
// shuts it down by cancelling the context, as SIGINT does.
func TestRun(t *testing.T) {
	tests := []struct {
		name       string
		site       fstest.MapFS
		wantStatus int
		wantStderr string
	}{
		{"built", testSite(), http.StatusOK, ""},
		{"not built", fstest.MapFS{".gitkeep": {}}, http.StatusServiceUnavailable, "lrplay: the site is not built: run make build\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			url := "http://" + ln.Addr().String() + "/"
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var stdout, stderr syncBuffer
			done := make(chan error, 1)
			go func() { done <- run(ctx, ln, tt.site, &stdout, &stderr) }()

			res, err := http.Get(url)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.wantStatus {
				t.Errorf("GET %s: status %d, want %d (%q)", url, res.StatusCode, tt.wantStatus, body)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("GET %s: X-Content-Type-Options %q", url, got)
			}

			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("run: %v, want nil after shutdown", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("run did not return after the context was cancelled")
			}
			if _, err := http.Get(url); err == nil {
				t.Errorf("GET %s after shutdown succeeded", url)
			}
			if got, want := stdout.String(), "LR Playground: "+url+"\n"; got != want {
				t.Errorf("stdout %q, want %q", got, want)
			}
			if got := stderr.String(); got != tt.wantStderr {
				t.Errorf("stderr %q, want %q", got, tt.wantStderr)
			}
		})
	}
}

func TestRunListenerClosed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	err = run(context.Background(), ln, testSite(), io.Discard, io.Discard)
	if err == nil || errors.Is(err, http.ErrServerClosed) {
		t.Errorf("run on a closed listener: %v, want the Serve error", err)
	}
}

func TestSiteURL(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"127.0.0.1:8080", "http://127.0.0.1:8080/"},
		{"[::1]:8080", "http://[::1]:8080/"},
		{"0.0.0.0:8080", "http://localhost:8080/"},
		{"[::]:9000", "http://localhost:9000/"},
	}
	for _, tt := range tests {
		a, err := net.ResolveTCPAddr("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := siteURL(a); got != tt.want {
			t.Errorf("siteURL(%s) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

func TestDispatch(t *testing.T) {
	tests := []struct {
		args       []string
		wantCode   int
		wantStderr string
	}{
		{[]string{"nope"}, 2, `lrplay: unknown command "nope"; commands: code, eval, import, lint, render, serve` + "\n"},
		{[]string{"eval-typo", "-addr", "x"}, 2, `lrplay: unknown command "eval-typo"; commands: code, eval, import, lint, render, serve` + "\n"},
		{[]string{"serve", "extra"}, 2, `lrplay serve: unexpected argument "extra"` + "\n"},
		{[]string{"-addr", ":0", "extra"}, 2, `lrplay serve: unexpected argument "extra"` + "\n"},
		{[]string{"-no-such-flag"}, 2, ""}, // the flag package reports it, with the usage
		{[]string{"-h"}, 0, ""},
		{[]string{"-addr", "256.0.0.1:bad"}, 1, "lrplay serve: listen tcp"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		code := dispatch(tt.args, &stderr)
		if code != tt.wantCode {
			t.Errorf("dispatch(%q) = %d, want %d", tt.args, code, tt.wantCode)
		}
		if got := stderr.String(); !strings.HasPrefix(got, tt.wantStderr) || (tt.wantStderr == "" && got != "") {
			t.Errorf("dispatch(%q): stderr %q, want %q", tt.args, got, tt.wantStderr)
		}
	}
}
