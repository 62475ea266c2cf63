package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The load test: loadClients clients share loadRequests requests to the real
// server on a loopback port, and the whole run gives up after loadDeadline.
const (
	loadClients  = 200
	loadRequests = 20_000
	loadDeadline = 60 * time.Second
	loadOut      = "bench/server.json"
)

// loadTarget is one kind of request in the mix, and what must come back.
type loadTarget struct {
	path, acceptEncoding string
	status               int
	body                 []byte // nil: any body (a 404's text)
}

// loadResult is what `make bench` prints and writes to bench/server.json.
type loadResult struct {
	Clients   int      `json:"clients"`
	Requests  int      `json:"requests"`
	Errors    int      `json:"errors"`
	Seconds   float64  `json:"seconds"`
	PerSecond float64  `json:"requests_per_second"`
	MBPerSec  float64  `json:"megabytes_per_second"`
	P50MS     float64  `json:"p50_ms"`
	P99MS     float64  `json:"p99_ms"`
	MaxMS     float64  `json:"max_ms"`
	Mix       []string `json:"mix"`
	FirstErr  string   `json:"first_error,omitempty"`
}

// BenchmarkServeLoad serves the built site with the server users run
// (newServer) on 127.0.0.1 and sends it loadRequests requests from
// loadClients concurrent clients: the page, the wasm with brotli, ECharts
// with gzip and a missing file, in turn. Every response's status and bytes
// are checked against the embedded files; any difference, transport error or
// the deadline passing is an error, and one error fails the benchmark. It
// reports requests/s and latency percentiles and writes bench/server.json.
//
//	go test -run '^$' -bench ServeLoad -benchtime 1x .
func BenchmarkServeLoad(b *testing.B) {
	site, err := fs.Sub(embedded, "site")
	if err != nil {
		b.Fatal(err)
	}
	read := func(name string) []byte {
		data, err := fs.ReadFile(site, name)
		if err != nil {
			b.Fatalf("%v: the load test serves the built site: run make build", err)
		}
		return data
	}
	targets := []loadTarget{
		{"/", "", http.StatusOK, read("index.html")},
		{"/lrplay.wasm", "br", http.StatusOK, read("lrplay.wasm.br")},
		{"/echarts.min.js", "gzip", http.StatusOK, read("echarts.min.js.gz")},
		{"/no-such-file.js", "br, gzip", http.StatusNotFound, nil},
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := newServer(site)
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	var res loadResult
	for b.Loop() {
		res = runLoad(base, targets)
	}
	b.ReportMetric(res.PerSecond, "req/s")
	b.ReportMetric(res.P50MS, "p50-ms")
	b.ReportMetric(res.P99MS, "p99-ms")
	b.ReportMetric(float64(res.Errors), "errors")
	b.Logf("%d clients, %d requests in %.2f s: %d errors, %.0f requests/s, %.0f MB/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms",
		res.Clients, res.Requests, res.Seconds, res.Errors, res.PerSecond, res.MBPerSec, res.P50MS, res.P99MS, res.MaxMS)
	if err := writeJSON(loadOut, res); err != nil {
		b.Error(err)
	}
	if res.Errors > 0 {
		b.Fatalf("%d of %d requests failed; the first: %s", res.Errors, res.Requests, res.FirstErr)
	}
}

// runLoad sends loadRequests requests to base from loadClients clients,
// request i being targets[i%len(targets)], and measures each.
func runLoad(base string, targets []loadTarget) loadResult {
	ctx, cancel := context.WithTimeout(context.Background(), loadDeadline)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{
		MaxIdleConnsPerHost: loadClients,
		DisableCompression:  true, // we ask for the encodings ourselves and compare the bytes sent
	}}
	defer client.CloseIdleConnections()

	latency := make([]time.Duration, loadRequests)
	var (
		next, errors, bytesRead atomic.Int64
		firstErr                sync.Once
		firstMsg                string
		wg                      sync.WaitGroup
	)
	fail := func(msg string) {
		errors.Add(1)
		firstErr.Do(func() { firstMsg = msg })
	}
	start := time.Now()
	for range loadClients {
		wg.Go(func() {
			buf := make([]byte, 0, 1<<20)
			for {
				i := int(next.Add(1) - 1)
				if i >= loadRequests {
					return
				}
				t := targets[i%len(targets)]
				t0 := time.Now()
				n, err := fetch(ctx, client, base, t, &buf)
				latency[i] = time.Since(t0)
				bytesRead.Add(int64(n))
				if err != nil {
					fail(err.Error())
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)

	slices.Sort(latency)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	pct := func(p float64) float64 { return ms(latency[int(p*float64(len(latency)-1))]) }
	mix := make([]string, len(targets))
	for i, t := range targets {
		mix[i] = fmt.Sprintf("GET %s (Accept-Encoding %q): %d", t.path, t.acceptEncoding, t.status)
	}
	return loadResult{
		Clients:   loadClients,
		Requests:  loadRequests,
		Errors:    int(errors.Load()),
		Seconds:   elapsed.Seconds(),
		PerSecond: float64(loadRequests) / elapsed.Seconds(),
		MBPerSec:  float64(bytesRead.Load()) / 1e6 / elapsed.Seconds(),
		P50MS:     pct(0.50),
		P99MS:     pct(0.99),
		MaxMS:     ms(latency[len(latency)-1]),
		Mix:       mix,
		FirstErr:  firstMsg,
	}
}

// fetch sends one request for t and checks its status and body, reading the
// body into *buf. It returns the bytes read.
func fetch(ctx context.Context, client *http.Client, base string, t loadTarget, buf *[]byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+t.path, nil)
	if err != nil {
		return 0, err
	}
	if t.acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", t.acceptEncoding)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b := bytes.NewBuffer((*buf)[:0])
	n, err := io.Copy(b, res.Body)
	*buf = b.Bytes()
	switch {
	case err != nil:
		return int(n), fmt.Errorf("GET %s: reading the body: %v", t.path, err)
	case res.StatusCode != t.status:
		return int(n), fmt.Errorf("GET %s: status %d, want %d", t.path, res.StatusCode, t.status)
	case t.body != nil && !bytes.Equal(*buf, t.body):
		return int(n), fmt.Errorf("GET %s (Accept-Encoding %s): %d bytes, not the %d of the file", t.path, t.acceptEncoding, n, len(t.body))
	}
	return int(n), nil
}

// writeJSON writes v, indented, to path, making its directory.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
