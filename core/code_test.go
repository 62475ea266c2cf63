package core

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/code/*.py.golden from Code")

const codeDir = "testdata/code"

// goldenCode is every snippet of the golden files: each kind's example in
// each framework Code writes it in, by file name. Code writes the playground
// in every framework that has a composition for it (plCompositions).
func goldenCode(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, k := range Kinds() {
		s := mustParse(t, k.Example)
		for _, fw := range Frameworks() {
			code, err := Code(s, k.ExampleSteps, fw)
			var e *Error
			switch {
			case err == nil:
				out[k.Name+"-"+fw+".py.golden"] = code
			case !errors.As(err, &e) || e.Param != "framework" || fw == FrameworkOf(k) || (k.Name == "playground" && plComposes(fw)):
				t.Errorf("Code(%s, %s) = %v, want a snippet or a framework *Error", k.Name, fw, err)
			}
		}
	}
	return out
}

// plComposes reports whether Code writes a composition of framework fw's
// schedulers for a playground run that no single one of them draws.
func plComposes(fw string) bool { _, ok := plCompositions(fw); return ok }

// TestCodeGolden compares Code's snippets with testdata/code; go test ./core
// -run TestCodeGolden -update rewrites them.
func TestCodeGolden(t *testing.T) {
	want := goldenCode(t)
	if *update {
		if err := os.MkdirAll(codeDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, code := range want {
		path := filepath.Join(codeDir, name)
		if *update {
			if err := os.WriteFile(path, []byte(code), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v (run go test ./core -run TestCodeGolden -update)", err)
			continue
		}
		if string(got) != code {
			t.Errorf("%s is stale: run go test ./core -run TestCodeGolden -update", path)
		}
	}
	entries, err := os.ReadDir(codeDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := want[e.Name()]; ok {
			continue
		}
		if *update {
			os.Remove(filepath.Join(codeDir, e.Name()))
		} else {
			t.Errorf("%s: Code writes no such snippet (run go test ./core -run TestCodeGolden -update)", e.Name())
		}
	}
	// Every kind has a snippet in its own framework, the default.
	for _, k := range Kinds() {
		own := FrameworkOf(k)
		if own == "" {
			own = "torch"
		}
		def, err := Code(mustParse(t, k.Example), k.ExampleSteps, "")
		if err != nil || def != want[k.Name+"-"+own+".py.golden"] {
			t.Errorf("%s: Code with no framework differs from Code in %s (%v)", k.Name, own, err)
		}
	}
}

// snippetArg matches a keyword argument, an assignment or a dict entry of a
// literal, on a line of its own or inside a call: name=value, name = value or
// "name": value.
var snippetArg = regexp.MustCompile(`(?m)(?:^|[(,{]\s*|^\s+)"?(\w+)"? ?[=:] ?("[^"]*"|True|False|None|[-+0-9.eE]+|\[[-+0-9.eE, ]*\])\s*(?:[,)}#]|$)`)

// snippetPairs finds a dict or a list of tuples assigned to a name:
// boundaries_and_scales={100: 0.1}, milestones_values=[(0, 0.0), (10, 1.0)].
var snippetPairs = regexp.MustCompile(`(\w+)=(\{[^{}]*\}|\[(?:\([^()]*\)|[^\[\]()])*\])`)

// snippetPair is one step: value or (step, value) of such a literal.
var snippetPair = regexp.MustCompile(`\(?\s*(-?[0-9]+)\s*[:,]\s*([-+0-9.eE]+)\s*\)?`)

// pyArgs returns the literal values assigned to each name in code,
// comments left out.
func pyArgs(code string) map[string][]string {
	out := map[string][]string{}
	for _, line := range strings.Split(code, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, m := range snippetArg.FindAllStringSubmatch(line, -1) {
			out[m[1]] = append(out[m[1]], m[2])
		}
		for _, m := range snippetPairs.FindAllStringSubmatch(line, -1) {
			out[m[1]] = append(out[m[1]], m[2])
		}
	}
	return out
}

// pyMatches reports whether the Python literal lit is v, a value of p, read
// back exactly: floats as float literals (a Keras or optax schedule given an
// int would compute in integers) that parse to the same float64.
func pyMatches(p *Param, v any, lit string) bool {
	switch v := v.(type) {
	case nil:
		return lit == "None"
	case bool:
		return lit == map[bool]string{true: "True", false: "False"}[v]
	case string:
		return lit == strconv.Quote(v)
	case int64:
		if p.Type == Float {
			x, err := strconv.ParseFloat(lit, 64)
			return err == nil && x == float64(v)
		}
		return lit == strconv.FormatInt(v, 10)
	case float64:
		if p.Type == Int {
			return lit == strconv.FormatInt(int64(v), 10)
		}
		x, err := strconv.ParseFloat(lit, 64)
		return err == nil && x == v && strings.ContainsAny(lit, ".eE")
	case []int64, []float64:
		return pyMatchesList(p, v, lit)
	case []stepValue:
		if p.Dict != strings.HasPrefix(lit, "{") {
			return false
		}
		m := snippetPair.FindAllStringSubmatch(lit, -1)
		if len(m) != len(v) {
			return false
		}
		for i, pair := range m {
			step, err1 := strconv.ParseInt(pair[1], 10, 64)
			x, err2 := strconv.ParseFloat(pair[2], 64)
			if err1 != nil || err2 != nil || step != v[i].step || x != v[i].value || !strings.ContainsAny(pair[2], ".eE") {
				return false
			}
		}
		return true
	}
	return false
}

// pyMatchesList is pyMatches for a list parameter: lit is a Python list whose
// elements match v's, each as an element of p's type.
func pyMatchesList(p *Param, v any, lit string) bool {
	body := strings.TrimSuffix(strings.TrimPrefix(lit, "["), "]")
	var parts []string
	if strings.TrimSpace(body) != "" {
		parts = strings.Split(body, ",")
	}
	e := &Param{Type: Int}
	var elems []any
	switch v := v.(type) {
	case []int64:
		for _, x := range v {
			elems = append(elems, x)
		}
	case []float64:
		e.Type = Float
		for _, x := range v {
			elems = append(elems, x)
		}
	}
	if len(parts) != len(elems) {
		return false
	}
	for i, part := range parts {
		if !pyMatches(e, elems[i], strings.TrimSpace(part)) {
			return false
		}
	}
	return true
}

// checkNumbers checks that code holds every parameter of spec with its value.
func checkNumbers(t *testing.T, label, code string, spec *Schedule) {
	t.Helper()
	args := pyArgs(code)
	for i := range spec.kind.Params {
		p := &spec.kind.Params[i]
		if children, ok := spec.args[p.Name].([]*Schedule); ok { // a composition's: each child's own
			for _, c := range children {
				checkNumbers(t, label+" "+c.kind.Name, code, c)
			}
			continue
		}
		if p.Type == IntList || p.Type == FloatList || p.Type == Text {
			// A list or a lambda, which the regexp does not read: as pyValue writes it.
			if !strings.Contains(code, p.Name+"="+pyValue(p, spec.args[p.Name])) {
				t.Errorf("%s: %s = %s is not in the snippet", label, p.Name, formatValue(spec.args[p.Name]))
			}
			continue
		}
		found := false
		for _, lit := range args[p.Name] {
			found = found || pyMatches(p, spec.args[p.Name], lit)
		}
		if !found {
			t.Errorf("%s: %s = %s is not in the snippet (it has %v)", label, p.Name, formatValue(spec.args[p.Name]), args[p.Name])
		}
	}
}

// TestCodeNumbers reads the numbers back from the snippets: each parameter
// of the spec Code writes (the kind's own, the translation, or, in a
// playground composition, the playground's) is there with its value, and the
// run's length is the loop's.
func TestCodeNumbers(t *testing.T) {
	specs := map[string]int64{
		`{"kind":"torch.CosineAnnealingLR","lr":0.30000000000000004,"T_max":7,"eta_min":1e-7}`:                                    8,
		`{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":3,"steps_per_epoch":100,"anneal_strategy":"linear","three_phase":true}`: 300,
		`{"kind":"keras.CosineDecay","initial_learning_rate":1e20,"decay_steps":33,"alpha":0.125}`:                                40,
		`{"kind":"playground","lr":0.7,"eta_min":1e-5,"T_max":30,"T_mult":1.25,"warmup":0.125,"warmup_start":0.001,"decay":0.75}`: 500,
		`{"kind":"playground","T_max":40,"warmup":0.1,"restarts":false}`:                                                          400,
		`{"kind":"lr_schedule.exponential","initial_value":3e-4,"decay_rate":0.01}`:                                               123,
	}
	for _, k := range Kinds() {
		specs[k.Example] = k.ExampleSteps
	}
	for spec, steps := range specs {
		s := mustParse(t, spec)
		for _, fw := range Frameworks() {
			code, err := Code(s, steps, fw)
			if err != nil {
				continue
			}
			label := s.kind.Name + " in " + fw
			if !strings.Contains(code, specText(s)) {
				t.Errorf("%s: the snippet does not quote the spec %s", label, specText(s))
			}
			n := strconv.FormatInt(steps, 10)
			if !strings.Contains(code, "range("+n+")") && !strings.Contains(code, "num_events="+n) &&
				!strings.Contains(code, "steps = "+n) && !strings.Contains(code, "total_timesteps = "+n) {
				t.Errorf("%s: the snippet does not run %s steps", label, n)
			}
			if fw == FrameworkOf(s.kind) {
				checkNumbers(t, label, code, s)
				continue
			}
			if tr := translation(t, spec, steps, fw); tr.Spec != nil {
				checkNumbers(t, label, code, mustParse(t, string(tr.Spec)))
			} else { // a playground composition
				checkNumbers(t, label, code, s)
				w := s.curve.(*playground).warmupSteps(steps)
				if !strings.Contains(code, "\nwarmup_steps = "+strconv.FormatInt(w, 10)+"  #") {
					t.Errorf("%s: the snippet's warmup is not %d steps", label, w)
				}
			}
		}
	}
}

// TestCodeErrors: an unknown framework, a combination without a translation
// and a bad run length are *Errors naming what is wrong.
func TestCodeErrors(t *testing.T) {
	tests := []struct {
		spec         string
		steps        int64
		fw           string
		param, wants string
	}{
		{`{"kind":"playground"}`, 100, "pytorch", "framework", `unknown framework "pytorch"; did you mean "torch"?; the frameworks are torch, timm, hf, keras, optax, ignite, lr_schedule`},
		{`{"kind":"playground"}`, 100, "jax", "framework", `unknown framework "jax"; the frameworks are`},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 1000, "keras", "framework",
			"no Keras equivalent of this 1000-step run of torch.OneCycleLR: OneCycleLR's phases"},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`, 150, "timm", "framework",
			"no timm equivalent of this 150-step run of torch.CosineAnnealingLR: the cosine climbs back up from step 21; timm holds lr_min"},
		{`{"kind":"playground"}`, 0, "torch", "steps", "0 is out of range"},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 1002, "torch", "steps", "1002"},
	}
	for _, tt := range tests {
		code, err := Code(mustParse(t, tt.spec), tt.steps, tt.fw)
		var e *Error
		if !errors.As(err, &e) || e.Param != tt.param || !strings.Contains(e.Msg, tt.wants) || code != "" {
			t.Errorf("Code(%s, %d, %q) = %v, want a %s *Error containing %q", tt.spec, tt.steps, tt.fw, err, tt.param, tt.wants)
		}
	}
}

// TestCodeOneCycleEnd: OneCycleLR raises when stepped past total_steps, and
// its step() at total_steps divides by zero when the last phase has zero
// length, so the loop leaves out the step() calls no appended lr needs when
// they would raise. (The PyTorch stage, make test-torch, runs these.)
func TestCodeOneCycleEnd(t *testing.T) {
	tests := []struct {
		spec  string
		steps int64
		guard string // the guard line, or "" for none
	}{
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100}`, 100, ""},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100}`, 101, "    if step < 100:"},
		// Two phases with pct_start = 1: the last phase is [T − 1, T − 1].
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"pct_start":1}`, 100, "    if step < 99:"},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"pct_start":1}`, 99, ""},
		// Three phases with float(2·pct_start·T) − 2 = T − 1.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.55,"three_phase":true}`, 10, "    if step < 9:"},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":5,"pct_start":0.6,"three_phase":true,"anneal_strategy":"linear"}`, 5, "    if step < 4:"},
		// Linear past T returns a (negative) lr without raising: no guard.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"anneal_strategy":"linear","final_div_factor":2}`, 10, ""},
	}
	for _, tt := range tests {
		code, err := Code(mustParse(t, tt.spec), tt.steps, "torch")
		if err != nil {
			t.Errorf("Code(%s, %d): %v", tt.spec, tt.steps, err)
			continue
		}
		got := ""
		for _, line := range strings.Split(code, "\n") {
			if strings.HasPrefix(line, "    if step < ") {
				got = line[:strings.Index(line, ":")+1]
			}
		}
		if got != tt.guard {
			t.Errorf("Code(%s, %d): guard %q, want %q", tt.spec, tt.steps, got, tt.guard)
		}
	}
}

// playgroundVariants are playground runs whose compositions take each branch.
var playgroundVariants = []struct {
	spec  string
	steps int64
	fw    string
	wants []string // in the snippet
}{
	{`{"kind":"playground","T_max":10,"T_mult":1.5,"warmup":0,"decay":0.5}`, 100, "torch",
		[]string{"T_mult = 1.5 is rounded", "restarts at lr every cycle; the playground's decay = 0.5", "T_mult=max(1, round(T_mult))", "scheduler = cosine"}},
	{`{"kind":"playground","T_max":40,"warmup":0.1,"restarts":false,"eta_min":0.01}`, 400, "torch",
		[]string{"LambdaLR(", "hold = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: eta_min / lr)",
			"schedulers=[warmup_scheduler, cosine, hold], milestones=[warmup_steps, warmup_steps + T_max]"}},
	{`{"kind":"playground","T_max":40,"warmup":0.1,"warmup_start":0.01,"decay":0.8}`, 400, "torch", // decay: no SequentialLR draws it
		[]string{"LinearLR(\n    optimizer, start_factor=warmup_start / lr", "T_mult=int(T_mult)"}},
	{`{"kind":"playground","T_max":40,"warmup":0.1,"eta_min":0.01,"decay":0.5}`, 400, "hf",
		[]string{"go down to 0, not to eta_min = 0.01", "grow by T_mult = 2.0", "restarts at lr every cycle", "num_training_steps=640,", "num_cycles=4,"}},
	{`{"kind":"playground","T_max":40,"warmup":0.1,"restarts":false,"eta_min":0.01,"warmup_start":0.02}`, 400, "hf",
		[]string{"warmups start from 0, not from warmup_start = 0.02", "climbs back up", "min_lr=eta_min"}},
	{`{"kind":"playground","T_max":40,"warmup":0.1,"eta_min":0.01,"decay":0.5}`, 400, "keras",
		[]string{"m_mul shrinks", "class Warmup(", "schedule = Warmup(cosine)"}},
	{`{"kind":"playground","T_max":10,"T_mult":1.5,"warmup":0.1,"decay":0.5}`, 200, "optax",
		[]string{"start part-way through one (47.5 steps after warmup)", "optax.linear_schedule(", "optax.join_schedules("}},
	{`{"kind":"playground","T_max":10,"T_mult":1.5,"warmup":0.1}`, 200, "ignite",
		[]string{"truncates each cycle's size", "ConcatScheduler(schedulers=[warmup_scheduler, cosine], durations=[warmup_steps])"}},
	{`{"kind":"playground","T_max":1,"warmup":0.1,"restarts":false}`, 200, "ignite",
		[]string{"T_max = 1 becomes 2", "schedulers=[warmup_scheduler, cosine, hold], durations=[warmup_steps, T_max]"}},
	{`{"kind":"playground","T_max":40,"warmup":0.1,"restarts":false}`, 400, "lr_schedule",
		[]string{"def schedule(progress_remaining: float) -> float:", "restarts = False"}},
}

func TestCodePlayground(t *testing.T) {
	for _, v := range playgroundVariants {
		code, err := Code(mustParse(t, v.spec), v.steps, v.fw)
		if err != nil {
			t.Errorf("%s in %s: %v", v.spec, v.fw, err)
			continue
		}
		flat := strings.ReplaceAll(code, "\n# ", " ") // comments unwrapped
		for _, want := range v.wants {
			if !strings.Contains(flat, want) {
				t.Errorf("%s in %s: the snippet lacks %q:\n%s", v.spec, v.fw, want, code)
			}
		}
	}
}

// TestCodePython parses every snippet with Python's own parser, when
// python3 is installed; the frameworks need not be.
func TestCodePython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 to parse the snippets with")
	}
	dir := t.TempDir()
	var paths []string
	write := func(name, code string) {
		path := filepath.Join(dir, name+".py")
		if err := os.WriteFile(path, []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	for name, code := range goldenCode(t) {
		write(name, code)
	}
	for i, v := range playgroundVariants {
		code, err := Code(mustParse(t, v.spec), v.steps, v.fw)
		if err == nil {
			write("variant"+strconv.Itoa(i)+"-"+v.fw, code)
		}
	}
	const script = "import ast, sys\n" +
		"for p in sys.argv[1:]:\n" +
		"    try:\n" +
		"        ast.parse(open(p).read(), p)\n" +
		"    except SyntaxError as e:\n" +
		"        print(p, e)\n"
	out, err := exec.Command(python, append([]string{"-c", script}, paths...)...).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("python3 does not parse every snippet (%v):\n%s", err, out)
	}
}

// TestCodeRunsLRSchedule runs the snippets in the lr_schedule framework with
// python3 when it is installed, and compares what they print with Evaluate:
// the snippet's schedule and its step indexing must be the kind's. The
// playground's compositions for it need nothing; the kinds' own snippets
// import lr_schedule, which is not ours to ship, so they run only where
// python3 can import it (put lr_schedule.py on PYTHONPATH).
// TestCodeLRScheduleConfig checks those in Go everywhere. Python's math.cos,
// pow, expm1 and log1p are the C library's, so values agree to rounding
// rather than bit for bit.
func TestCodeRunsLRSchedule(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 to run the snippets with")
	}
	specs := []string{
		`{"kind":"playground","lr":0.7,"eta_min":1e-5,"T_max":30,"T_mult":1.25,"warmup":0.125,"warmup_start":0.001,"decay":0.75}`,
		`{"kind":"playground","T_max":40,"warmup":0.1,"restarts":false}`,
		`{"kind":"playground","T_max":7,"T_mult":1,"warmup":0}`,
	}
	if exec.Command(python, "-c", "import lr_schedule").Run() == nil {
		for _, k := range Kinds() {
			if FrameworkOf(k) == "lr_schedule" {
				specs = append(specs, k.Example)
			}
		}
	} else {
		t.Log("python3 cannot import lr_schedule: running the playground's compositions only")
	}
	// One python3 runs every snippet (starting it costs more than running one),
	// printing each one's output on a line of its own.
	const steps = 997
	dir := t.TempDir()
	var paths []string
	for i, spec := range specs {
		code, err := Code(mustParse(t, spec), steps, "lr_schedule")
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, strconv.Itoa(i)+".py")
		if err := os.WriteFile(path, []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	const script = "import contextlib, io, sys\n" +
		"for p in sys.argv[1:]:\n" +
		"    out = io.StringIO()\n" +
		"    with contextlib.redirect_stdout(out):\n" +
		"        exec(compile(open(p).read(), p, 'exec'), {'__name__': '__main__'})\n" +
		"    print(out.getvalue().strip())\n"
	out, err := exec.Command(python, append([]string{"-c", script}, paths...)...).CombinedOutput()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if err != nil || len(lines) != len(specs) {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	for i, spec := range specs {
		fields := strings.Split(strings.Trim(lines[i], "[]"), ", ")
		want := mustValues(t, spec, steps)
		if len(fields) != len(want) {
			t.Errorf("%s: the snippet prints %d values, want %d", spec, len(fields), len(want))
			continue
		}
		for i, f := range fields {
			got, err := strconv.ParseFloat(f, 64)
			if err != nil || !tolerance(got, want[i], 1e-13) {
				t.Errorf("%s: step %d: the snippet gives %s, Evaluate %v", spec, i, f, want[i])
				break
			}
		}
	}
}

// TestCodeLRScheduleConfig checks the lr_schedule snippets in Go, as
// python3 cannot run them without the module: the config they pass to
// BaseLRSchedule.create reads back (ImportCode, which reads it as the module
// does) as the spec itself, and the loop calls the schedule at
// progress_remaining = 1.0 - float(i) / float(N) for each step i of the run,
// the kinds' convention.
func TestCodeLRScheduleConfig(t *testing.T) {
	specs := map[string]int64{
		`{"kind":"lr_schedule.exponential","initial_value":3e-4,"final_value":0.5,"decay_rate":0.01}`:       123,
		`{"kind":"lr_schedule.cosine_warmup","initial_value":1,"final_value":0.25,"warmup_fraction":0.375}`: 8,
		`{"kind":"lr_schedule.polynomial","initial_value":0.30000000000000004,"power":0}`:                   1,
	}
	for _, k := range Kinds() {
		if FrameworkOf(k) == "lr_schedule" {
			specs[k.Example] = k.ExampleSteps
		}
	}
	for spec, steps := range specs {
		s := mustParse(t, spec)
		code, err := Code(s, steps, "")
		if err != nil {
			t.Fatal(err)
		}
		got, notes, err := ImportCode(code)
		if err != nil || len(notes) > 0 {
			t.Errorf("%s: ImportCode reads the snippet as %s, %q, %v", spec, got, notes, err)
			continue
		}
		if back := specText(mustParse(t, string(got))); back != specText(s) {
			t.Errorf("%s: the snippet's config is %s", spec, back)
		}
		n := strconv.FormatInt(steps, 10)
		loop := "\ntotal_timesteps = " + n + "\nlrs = [schedule(1.0 - float(i) / float(total_timesteps)) for i in range(total_timesteps)]\n"
		if !strings.Contains(code, loop) {
			t.Errorf("%s: the snippet lacks the loop%s", spec, loop)
		}
		// The former framework name writes the same snippet.
		if old, err := Code(s, steps, "sb3"); old != code || err != nil {
			t.Errorf("%s: Code in sb3 differs from Code in lr_schedule (%v)", spec, err)
		}
	}
}

// TestCodePlaygroundLongRuns: code for a run of 10^12 steps of one-step
// cycles returns at once in every framework (it once scanned every cycle).
func TestCodePlaygroundLongRuns(t *testing.T) {
	for _, spec := range []string{
		`{"kind":"playground","T_max":1,"T_mult":1,"warmup":0}`,
		`{"kind":"playground","T_max":1,"T_mult":1.0000001,"warmup":0}`,
		`{"kind":"playground","T_max":549755813888,"T_mult":1.5,"warmup":0}`,
	} {
		s := mustParse(t, spec)
		for _, fw := range Frameworks() {
			done := make(chan struct{}, 1) // (close is a float comparison in this package's tests)
			go func() {
				Code(s, MaxSteps, fw)
				done <- struct{}{}
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatalf("Code(%s, %d, %s) takes more than 5 s", spec, int64(MaxSteps), fw)
			}
		}
	}
}
