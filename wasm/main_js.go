//go:build js && wasm

package main

func main() {
	if err := run(); err != nil {
		fatal(err)
	}
	select {} // keep the runtime alive: the page calls back into it
}

// run publishes window.lrplay, starts the playground or the embed page
// when it is one, and mounts a chart on every data-lrplay element.
func run() error {
	bridge, err := newBridge(map[string]handler{"mount": mount})
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
	tutorial := false
	page := j.get(j.get(j.get(document, "body"), "dataset"), "page")
	if j.err == nil && !page.IsUndefined() {
		switch j.str(page) {
		case "playground":
			if err := runPlayground(); err != nil {
				return err
			}
		case "embed":
			if err := runEmbed(); err != nil {
				return err
			}
		case "tutorial":
			tutorial = true
		}
	}
	if j.err != nil {
		return j.err
	}
	if err := mountAll(); err != nil {
		return err
	}
	if tutorial {
		// Its charts are mounted and draw at the next frame: the loader's progress is done.
		j.set(j.byID("status"), "hidden", true)
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
