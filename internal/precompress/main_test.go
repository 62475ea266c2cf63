package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// text is compressible: an HTML page that says the same thing many times.
var text = []byte("<!doctype html>\n<title>LR Playground</title>\n" +
	strings.Repeat("<p>cosine annealing with warm restarts</p>\n", 200))

// noise does not compress: random bytes.
func noise(n int) []byte {
	b := make([]byte, n)
	r := rand.NewChaCha8([32]byte{})
	r.Read(b)
	return b
}

// writeSite writes files (path → content) under a new directory.
func writeSite(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(t *testing.T, dir string) map[string]action {
	t.Helper()
	results, err := compressDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]action{}
	for _, r := range results {
		rel, _ := filepath.Rel(dir, r.path)
		got[filepath.ToSlash(rel)+r.ext] = r.action
	}
	return got
}

// files lists every file under dir (slash paths), temporary files included.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func unbrotli(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func gunzip(t *testing.T, b []byte) ([]byte, gzip.Header) {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out, zr.Header
}

// TestRoundTrip: each variant decodes to its file, and gzip's header names
// no file and no time.
func TestRoundTrip(t *testing.T) {
	site := map[string][]byte{
		"index.html":         text,
		"a.js":               bytes.ToUpper(text),
		"style.CSS":          text,
		"favicon.svg":        text,
		"examples/cos.json":  text,
		"lrplay.wasm":        append(bytes.Repeat([]byte{0, 97, 115, 109}, 5000), noise(1000)...),
		"deep/er/index.html": text,
		"large.js":           bytes.Repeat(text, 200), // over 1 MiB: brotli quality 10
	}
	dir := writeSite(t, site)
	got := run(t, dir)
	for name, data := range site {
		for _, ext := range []string{".br", ".gz"} {
			if got[name+ext] != wrote {
				t.Errorf("%s%s: %q, want %q", name, ext, got[name+ext], wrote)
			}
		}
		p := filepath.Join(dir, name)
		br := read(t, p+".br")
		if out := unbrotli(t, br); !bytes.Equal(out, data) {
			t.Errorf("%s.br decodes to %d bytes, not the file's %d", name, len(out), len(data))
		}
		gz := read(t, p+".gz")
		out, hdr := gunzip(t, gz)
		if !bytes.Equal(out, data) {
			t.Errorf("%s.gz decodes to %d bytes, not the file's %d", name, len(out), len(data))
		}
		if hdr.Name != "" || !hdr.ModTime.IsZero() || hdr.Comment != "" {
			t.Errorf("%s.gz header has name %q, time %v, comment %q; want none", name, hdr.Name, hdr.ModTime, hdr.Comment)
		}
		if len(br) >= len(data) || len(gz) >= len(data) {
			t.Errorf("%s: %d bytes, .br %d, .gz %d: a variant is not smaller", name, len(data), len(br), len(gz))
		}
	}
}

// TestDeterministic: equal files give equal variants, wherever and whenever.
func TestDeterministic(t *testing.T) {
	a := writeSite(t, map[string][]byte{"index.html": text})
	run(t, a)
	time.Sleep(10 * time.Millisecond) // a different clock, were it read
	b := writeSite(t, map[string][]byte{"other/page.html": text})
	run(t, b)
	for _, ext := range []string{".br", ".gz"} {
		if !bytes.Equal(read(t, filepath.Join(a, "index.html"+ext)), read(t, filepath.Join(b, "other/page.html"+ext))) {
			t.Errorf("the %s variants of two equal files differ", ext)
		}
	}
}

// TestNotSmaller: a file that does not shrink gets no variant, and loses the
// one it had.
func TestNotSmaller(t *testing.T) {
	dir := writeSite(t, map[string][]byte{
		"tiny.js":     []byte("x"),
		"random.wasm": noise(4096),
		"old.js":      []byte("y"),
		"old.js.br":   []byte("stale"),
		"old.js.gz":   []byte("stale"),
	})
	got := run(t, dir)
	want := map[string]action{
		"tiny.js.br": skipped, "tiny.js.gz": skipped,
		"random.wasm.br": skipped, "random.wasm.gz": skipped,
		"old.js.br": removed, "old.js.gz": removed,
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %q, want %q", name, got[name], w)
		}
	}
	if names := files(t, dir); strings.Join(names, " ") != "old.js random.wasm tiny.js" {
		t.Errorf("files after the run: %q, want only the originals", names)
	}
}

// TestRerun: a second run leaves every variant untouched, and a changed file
// gets new variants.
func TestRerun(t *testing.T) {
	dir := writeSite(t, map[string][]byte{"index.html": text, "a.js": text, "tiny.css": []byte("a")})
	run(t, dir)
	before := map[string][]byte{}
	past := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range files(t, dir) {
		p := filepath.Join(dir, name)
		before[name] = read(t, p)
		if err := os.Chtimes(p, past, past); err != nil {
			t.Fatal(err)
		}
	}

	got := run(t, dir)
	for name, a := range got {
		if a != kept && !strings.HasPrefix(name, "tiny.css") {
			t.Errorf("re-run: %s %q, want %q", name, a, kept)
		}
	}
	after := files(t, dir)
	if len(after) != len(before) {
		t.Errorf("re-run: files %q, want %d as before", after, len(before))
	}
	for _, name := range after {
		p := filepath.Join(dir, name)
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(read(t, p), before[name]) || !info.ModTime().Equal(past) {
			t.Errorf("re-run rewrote %s", name)
		}
	}

	changed := append(bytes.Clone(text), "<p>one more</p>\n"...)
	if err := os.WriteFile(filepath.Join(dir, "a.js"), changed, 0o644); err != nil {
		t.Fatal(err)
	}
	got = run(t, dir)
	if got["a.js.br"] != wrote || got["a.js.gz"] != wrote || got["index.html.br"] != kept {
		t.Errorf("after a change: %v; want a.js's variants written, index.html's kept", got)
	}
	if out := unbrotli(t, read(t, filepath.Join(dir, "a.js.br"))); !bytes.Equal(out, changed) {
		t.Error("a.js.br does not decode to the changed a.js")
	}
	if out, _ := gunzip(t, read(t, filepath.Join(dir, "a.js.gz"))); !bytes.Equal(out, changed) {
		t.Error("a.js.gz does not decode to the changed a.js")
	}
}

// TestIgnores: variants, other file types and dotfiles get no variants, and
// existing .br and .gz files are not compressed again.
func TestIgnores(t *testing.T) {
	dir := writeSite(t, map[string][]byte{
		"index.html":        text,
		"index.html.br":     text, // not a valid variant: replaced
		"archive.json.gz":   text, // no archive.json beside it: left alone
		"photo.png":         text,
		".hidden.js":        text,
		".git/config.json":  text,
		"notes.txt":         text,
		"page.html.gz.json": text, // an ordinary JSON file
	})
	got := run(t, dir)
	want := []string{"index.html.br", "index.html.gz", "page.html.gz.json.br", "page.html.gz.json.gz"}
	if len(got) != len(want) {
		t.Errorf("variants %v, want only %q", got, want)
	}
	for _, name := range want {
		if got[name] != wrote {
			t.Errorf("%s: %q, want %q", name, got[name], wrote)
		}
	}
	if out := unbrotli(t, read(t, filepath.Join(dir, "index.html.br"))); !bytes.Equal(out, text) {
		t.Error("index.html.br was not replaced by a variant of index.html")
	}
	if !bytes.Equal(read(t, filepath.Join(dir, "archive.json.gz")), text) {
		t.Error("archive.json.gz was changed")
	}
	for _, name := range files(t, dir) {
		if strings.HasSuffix(name, ".br.br") || strings.HasSuffix(name, ".gz.gz") || strings.HasSuffix(name, ".br.gz") ||
			strings.HasSuffix(name, ".gz.br") || strings.Contains(name, ".precompress-") ||
			strings.HasPrefix(name, "photo.png.") || strings.HasPrefix(name, "notes.txt.") || strings.Contains(name, "hidden.js.") ||
			strings.Contains(name, "config.json.") {
			t.Errorf("unexpected file %s", name)
		}
	}
}

// TestPermissions: a variant has its file's permissions.
func TestPermissions(t *testing.T) {
	dir := writeSite(t, map[string][]byte{"index.html": text})
	if err := os.Chmod(filepath.Join(dir, "index.html"), 0o640); err != nil {
		t.Fatal(err)
	}
	run(t, dir)
	for _, ext := range []string{".br", ".gz"} {
		info, err := os.Stat(filepath.Join(dir, "index.html"+ext))
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o640 {
			t.Errorf("index.html%s has mode %v, want 0640", ext, info.Mode().Perm())
		}
	}
}

// TestBrotliWindow: a window that holds the whole file, up to brotli's default.
func TestBrotliWindow(t *testing.T) {
	for _, c := range []struct{ n, window int }{
		{0, 10},
		{1000, 10},
		{1008, 10}, // 2^10-16: the largest file a 2^10 window holds
		{1009, 11},
		{600_000, 20},
		{1 << 20, 21},
		{1<<20 + 1, 21},
		{4_400_000, 22},
		{100 << 20, 22},
	} {
		if w := brotliWindow(c.n); w != c.window {
			t.Errorf("brotliWindow(%d) = %d, want %d", c.n, w, c.window)
		}
	}
}
