//go:build js && wasm

package main

func main() {
	if err := run(); err != nil {
		fatal(err)
	}
	select {} // keep the runtime alive: the page calls back into it
}

// run publishes window.lrplay and, on the playground page, starts it.
func run() error {
	bridge, err := newBridge(nil)
	if err != nil {
		return err
	}
	var j jsw
	lrplay := j.get(global, "lrplay")
	if lrplay.IsUndefined() { // no loader (tests under Node): publish the bridge as it is
		j.set(global, "lrplay", bridge)
		return j.err
	}
	j.call(lrplay, "_connect", bridge)
	if j.err != nil {
		return j.err
	}
	page := j.get(j.get(j.get(document, "body"), "dataset"), "page")
	if j.err == nil && !page.IsUndefined() {
		if s := j.str(page); s == "playground" {
			return runPage()
		}
	}
	return j.err
}

// fatal shows an error that stops the page where the loader shows its status.
func fatal(err error) {
	console("lrplay:", err.Error())
	var j jsw
	status := j.call(document, "getElementById", "status")
	if j.err == nil && !status.IsNull() {
		j.set(status, "textContent", "LR Playground could not start: "+err.Error())
		j.call(j.get(status, "classList"), "add", "failed")
		j.set(status, "hidden", false)
	}
}
