// Command precompress writes brotli (x.br) and gzip (x.gz) variants beside
// each text and WebAssembly file x of a site, for a server that sends them to
// clients that accept them, as lrplay's handler does. `make build` runs it on
// site/.
//
// Usage:
//
//	go run ./internal/precompress [-v] dir...
//
// It compresses every .html, .js, .css, .svg, .json and .wasm file under each
// dir (except names starting with ".", which the server never serves) with
// gzip at its highest level and brotli at quality 11 (10 above 1 MiB, see
// [brotliQuality]). A variant is written only when it is smaller than its
// file, and removed when it no longer is. The output depends on the file's
// bytes alone: gzip headers carry no name and no time. A variant that already
// decodes to its file is left as it is, so a re-run costs a decompression, not
// a compression. Existing .br and .gz files are never compressed again.
package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// brotliQuality is the best, 11, for every file. On the 3 MB wasm it takes
// about twice as long as 10 (8 s against 4) for a file 3.5% smaller, which
// the wasm's size budget needs.
const brotliQuality = 11

// brotliWindow is the log2 of the brotli window for n bytes: just large
// enough to hold them, since a small file compresses many times faster with a
// small window, and at most brotli's default 4 MiB, since the largest standard
// window (16 MiB) made the wasm no smaller.
func brotliWindow(n int) int {
	return min(max(bits.Len(uint(n+15)), 10), 22) // a window holds 2^lgwin-16 bytes
}

// compressible are the extensions (lower case) of the files given variants.
var compressible = map[string]bool{
	".html": true, ".js": true, ".css": true, ".svg": true, ".json": true, ".wasm": true,
}

// encoding is one kind of variant: its file name suffix and codec.
type encoding struct {
	ext      string
	compress func(w io.Writer, data []byte) error
	decode   func(r io.Reader) (io.Reader, error)
}

var encodings = []encoding{
	{".br", compressBrotli, func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }},
	{".gz", compressGzip, func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
}

func compressBrotli(w io.Writer, data []byte) error {
	bw := brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: brotliQuality, LGWin: brotliWindow(len(data))})
	if _, err := bw.Write(data); err != nil {
		return err
	}
	return bw.Close()
}

// compressGzip writes a gzip member whose header has no name, comment or
// modification time, so equal input gives equal output.
func compressGzip(w io.Writer, data []byte) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(data); err != nil {
		return err
	}
	return zw.Close()
}

// action is what became of one variant.
type action string

const (
	wrote   action = "wrote"   // compressed and written (new or changed)
	kept    action = "kept"    // already decoded to its file
	skipped action = "skipped" // not smaller than its file: none written
	removed action = "removed" // not smaller than its file: the old one removed
)

// result is the outcome for one variant of one file.
type result struct {
	path       string // the file's path
	ext        string // the variant's suffix: ".br" or ".gz"
	size       int    // the file's size
	compressed int    // the variant's size (if skipped or removed, what it would be)
	action     action
	elapsed    time.Duration
}

func main() {
	verbose := flag.Bool("v", false, "list every variant with its size")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: precompress [-v] dir...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	failed := false
	for _, dir := range flag.Args() {
		start := time.Now()
		results, err := compressDir(dir)
		report(os.Stdout, dir, results, time.Since(start), *verbose)
		if err != nil {
			fmt.Fprintln(os.Stderr, "precompress:", err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

// compressDir writes, keeps or removes the variants of every compressible file under
// root, compressing several files at once, the largest first. It returns
// what it did, sorted by path and suffix, and every error met.
func compressDir(root string) ([]result, error) {
	type job struct {
		path string
		enc  encoding
		size int64
	}
	var jobs []job
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case path != root && strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case !d.Type().IsRegular() || !compressible[strings.ToLower(filepath.Ext(path))]:
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		for _, e := range encodings {
			jobs = append(jobs, job{path, e, info.Size()})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The largest first, so the longest job starts at once.
	slices.SortStableFunc(jobs, func(a, b job) int { return cmp.Compare(b.size, a.size) })

	var (
		mu      sync.Mutex
		results []result
		errs    []error
		wg      sync.WaitGroup
		next    = make(chan job)
	)
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for j := range next {
				r, err := variant(j.path, j.enc)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				} else {
					results = append(results, r)
				}
				mu.Unlock()
			}
		})
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	slices.SortFunc(results, func(a, b result) int {
		return cmp.Or(strings.Compare(a.path, b.path), strings.Compare(a.ext, b.ext))
	})
	return results, errors.Join(errs...)
}

// variant brings the variant e of the file at path up to date.
func variant(path string, e encoding) (result, error) {
	start := time.Now()
	data, err := os.ReadFile(path)
	if err != nil {
		return result{}, err
	}
	out := path + e.ext
	r := result{path: path, ext: e.ext, size: len(data)}
	done := func(a action) (result, error) {
		r.action, r.elapsed = a, time.Since(start)
		return r, nil
	}

	old, err := os.ReadFile(out)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return result{}, err
	}
	exists := err == nil
	if exists && len(old) < len(data) && decodesTo(old, e, data) {
		r.compressed = len(old)
		return done(kept)
	}

	var buf bytes.Buffer
	if err := e.compress(&buf, data); err != nil {
		return result{}, fmt.Errorf("%s: %v", out, err)
	}
	r.compressed = buf.Len()
	switch {
	case buf.Len() < len(data):
		if err := writeFile(out, buf.Bytes(), path); err != nil {
			return result{}, err
		}
		return done(wrote)
	case exists:
		if err := os.Remove(out); err != nil {
			return result{}, err
		}
		return done(removed)
	}
	return done(skipped)
}

// decodesTo reports whether compressed, decoded by e, is exactly want.
func decodesTo(compressed []byte, e encoding, want []byte) bool {
	r, err := e.decode(bytes.NewReader(compressed))
	if err != nil {
		return false
	}
	// One byte more than want, to notice a longer stream.
	got, err := io.ReadAll(io.LimitReader(r, int64(len(want))+1))
	return err == nil && bytes.Equal(got, want)
}

// writeFile replaces name with data atomically, with the permissions of the
// file at like. The temporary file's name starts with "." so that a server
// never serves one left behind by a crash.
func writeFile(name string, data []byte, like string) (err error) {
	info, err := os.Stat(like)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".precompress-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(info.Mode().Perm()); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}

// report prints one line for dir and, if verbose, one per variant.
func report(w io.Writer, dir string, results []result, elapsed time.Duration, verbose bool) {
	count := map[action]int{}
	for _, r := range results {
		count[r.action]++
		if verbose {
			rel, err := filepath.Rel(dir, r.path)
			if err != nil {
				rel = r.path
			}
			fmt.Fprintf(w, "  %-24s %-3s %9d → %9d (%5.1f%%) %-7s %v\n", rel, r.ext, r.size, r.compressed,
				100*float64(r.compressed)/float64(max(r.size, 1)), r.action, r.elapsed.Round(time.Millisecond))
		}
	}
	fmt.Fprintf(w, "precompress %s: %d written, %d kept, %d not smaller, %d removed in %v\n",
		dir, count[wrote], count[kept], count[skipped]+count[removed], count[removed], elapsed.Round(time.Millisecond))
}
