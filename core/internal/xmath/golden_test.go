package xmath

import (
	"bufio"
	"compress/gzip"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// The golden files testdata/{cos,log,exp,pow}.txt.gz hold one case a line:
// the arguments and CPython's result (math.cos, math.log, math.exp and
// float ** float, which call glibc's libm), as float.hex() strings. They
// were written by CPython 3.11 on glibc 2.36 (x86-64) with the script below,
// run in this directory; the seed makes it reproducible. 20,000 random
// arguments per function over the domains that matter, plus structured
// ones: π·t/T computed like the schedules do, large cosine arguments, log
// near 1 and of integers, exp near 0 and at the ends of its range, pow with
// integer exponents up to 10^4 and bases near 1, γ^(t/T), negative bases.
//
//	python3 - <<'EOF'
//	import gzip, math, random, struct
//	R = random.Random(20260501)
//	def out(name, rows):
//	    with gzip.GzipFile('testdata/%s.txt.gz' % name, 'wb', mtime=0) as f:
//	        f.write(''.join(' '.join(v.hex() for v in r) + '\n' for r in rows).encode())
//	def anypos():  # a positive finite float, exponent uniform (subnormals too)
//	    while True:
//	        v = struct.unpack('<d', struct.pack('<Q', R.getrandbits(63)))[0]
//	        if 0 < v < math.inf:
//	            return v
//	def pw(x, y):
//	    try:
//	        return x ** y
//	    except OverflowError:  # glibc returned HUGE_VAL with ERANGE
//	        return math.copysign(math.inf, x) if y % 2 == 1 else math.inf
//
//	xs = [R.uniform(0, 8 * math.pi) for _ in range(20000)]
//	for T in list(range(1, 65)) + [100, 128, 250, 256, 1000, 1024, 3000, 4096, 10000, 100000]:
//	    ts = range(T + 1) if T <= 64 else sorted(R.sample(range(2 * T + 1), 64))
//	    xs += [math.pi * t / T for t in ts]
//	    xs += [math.pi * (t / T) for t in ts]
//	xs += [R.uniform(8 * math.pi, 1e6) for _ in range(1000)]
//	xs += [math.ldexp(1 + R.random(), R.randrange(20, 1024)) for _ in range(100)]
//	xs += [-x for x in R.sample(xs, 500)]
//	out('cos', [(x, math.cos(x)) for x in xs])
//
//	xs = [anypos() for _ in range(20000)]
//	xs += [1 + k * 2.0**-52 for k in range(1, 200)] + [1 - k * 2.0**-53 for k in range(1, 200)]
//	xs += [1 + R.uniform(-1e-3, 1e-3) for _ in range(1000)]
//	xs += [1 + R.choice((-1, 1)) * math.ldexp(R.random(), -R.randrange(1, 53)) for _ in range(1000)]
//	xs += [float(n) for n in range(2, 1001)]
//	xs += [10 * (1 - R.random()) for _ in range(1000)]
//	out('log', [(x, math.log(x)) for x in xs if x != 1])
//
//	xs = [R.uniform(-745, 709) for _ in range(20000)]
//	xs += [R.uniform(-1, 1) * math.ldexp(1, -R.randrange(0, 60)) for _ in range(1000)]
//	xs += [R.uniform(709, 709.78) for _ in range(200)] + [R.uniform(-746, -708) for _ in range(500)]
//	xs += [float(n) for n in range(-745, 710)]
//	xs += [math.log(n) for n in range(2, 500)]
//	out('exp', [(x, math.exp(x)) for x in xs])
//
//	rows = [(10 * (1 - R.random()), R.uniform(-50, 50)) for _ in range(20000)]
//	for b in (0.999, 0.9999, 0.99, 0.95, 0.9, 0.5, 0.1, 1.001, 1.01, 1.1, 1.3, 1.5, 2.0, 3.0, 10.0):
//	    rows += [(b, float(n)) for n in R.sample(range(-10000, 10001), 150)]
//	rows += [(-10 * (1 - R.random()), float(R.randrange(-60, 61))) for _ in range(500)]
//	for g in (0.1, 0.5, 0.9, 0.95, 0.96, 0.99, 0.999):
//	    for T in (7, 10, 100, 1000):
//	        rows += [(g, t / T) for t in sorted(R.sample(range(3 * T + 1), 20))]
//	rows += [(1 + R.uniform(-1e-6, 1e-6), R.uniform(-1e6, 1e6)) for _ in range(300)]
//	rows += [(anypos(), R.uniform(-2, 2)) for _ in range(300)]
//	out('pow', [(x, y, pw(x, y)) for x, y in rows])
//	EOF

// glibcMisrounded lists the golden cases where glibc is not correctly
// rounded (it promises about 0.5 ulp, not correct rounding), with the
// correctly rounded result: 78 of the 99,114 cases (76 distinct arguments),
// all off by one ulp.
// Each was confirmed independently with mpmath at 320 bits, and by the
// slow path and its math/big reference here. Everywhere else our results
// equal glibc's.
var glibcMisrounded = map[string]string{
	"cos 0x1.bea7f900b9b0bp+3":                        "0x1.6cf70250c2f67p-3",    // glibc 0x1.6cf70250c2f68p-3
	"cos 0x1.1c485cabb98d1p+4":                        "0x1.e0eed9512d863p-2",    // glibc 0x1.e0eed9512d864p-2
	"cos 0x1.1241890fc2895p+4":                        "-0x1.193d8c99163d9p-3",   // glibc -0x1.193d8c99163d8p-3
	"cos 0x1.e987d7ea394e1p+2":                        "0x1.a10964f5e133bp-3",    // glibc 0x1.a10964f5e133ap-3
	"cos 0x1.440db887d6c81p+4":                        "0x1.546ef2c2b2e7fp-3",    // glibc 0x1.546ef2c2b2e7ep-3
	"cos 0x1.0d0904df17dd6p+4":                        "-0x1.ca52802252621p-2",   // glibc -0x1.ca52802252620p-2
	"cos 0x1.774c0fb4ba93bp+4":                        "-0x1.b0daefcb9ef66p-4",   // glibc -0x1.b0daefcb9ef67p-4
	"cos 0x1.e8d5871be8479p+2":                        "0x1.b6d5817a07e7bp-3",    // glibc 0x1.b6d5817a07e7cp-3
	"cos 0x1.7c2417b5019a2p+0":                        "0x1.5f4b3afe63afcp-4",    // glibc 0x1.5f4b3afe63afdp-4
	"cos 0x1.00cf382856749p+3":                        "-0x1.5d2306ce61ab7p-3",   // glibc -0x1.5d2306ce61ab8p-3
	"cos 0x1.56c201edf86dap+2":                        "0x1.3313dd369139bp-1",    // glibc 0x1.3313dd369139ap-1
	"cos 0x1.71eb692a38078p+4":                        "-0x1.b5fcdd0bcdf8fp-2",   // glibc -0x1.b5fcdd0bcdf90p-2
	"cos 0x1.34eccaaee177dp+0":                        "0x1.6c9d71b9d089fp-2",    // glibc 0x1.6c9d71b9d089ep-2
	"cos 0x1.429e6ea85a9bap+4":                        "0x1.03f4c91961b9fp-2",    // glibc 0x1.03f4c91961ba0p-2
	"cos 0x1.1157f9a0f2819p+2":                        "-0x1.b57415bed8447p-2",   // glibc -0x1.b57415bed8446p-2
	"cos 0x1.e58518a60d3d4p+3":                        "-0x1.b855f73cc5dd5p-1",   // glibc -0x1.b855f73cc5dd6p-1
	"cos 0x1.7297a12da2fdfp+4":                        "-0x1.8eb1cdbd5de7dp-2",   // glibc -0x1.8eb1cdbd5de7cp-2
	"cos 0x1.00e3174789ad9p+3":                        "-0x1.6207ed15cc46dp-3",   // glibc -0x1.6207ed15cc46cp-3
	"cos 0x1.107fd70f91f68p+4":                        "-0x1.f5d145dbc978bp-3",   // glibc -0x1.f5d145dbc978cp-3
	"cos 0x1.1fc68481530a7p+2":                        "-0x1.b6bb210efe15bp-3",   // glibc -0x1.b6bb210efe15ap-3
	"cos 0x1.58654c320e427p+3":                        "-0x1.d94b527b440e3p-3",   // glibc -0x1.d94b527b440e2p-3
	"cos 0x1.07eb009a7cbb0p+2":                        "-0x1.1c4a7eeeeb96bp-1",   // glibc -0x1.1c4a7eeeeb96cp-1
	"cos 0x1.3948d00105f4ap+4":                        "0x1.7d487d808189dp-1",    // glibc 0x1.7d487d808189ep-1
	"cos 0x1.42016d44726f4p+3":                        "-0x1.9b50bcd69dc3fp-1",   // glibc -0x1.9b50bcd69dc3ep-1
	"cos 0x1.4330618267c75p+4":                        "0x1.c1037ca763c7fp-3",    // glibc 0x1.c1037ca763c80p-3
	"cos 0x1.13b9877bd189ap+4":                        "-0x1.786855e2232adp-5",   // glibc -0x1.786855e2232aep-5
	"cos 0x1.e742e4da0ef8fp+2":                        "0x1.e7db57ec371e9p-3",    // glibc 0x1.e7db57ec371e8p-3
	"cos 0x1.4e0052b05234ep+3":                        "-0x1.0f1d45729ef45p-1",   // glibc -0x1.0f1d45729ef46p-1
	"cos 0x1.c180b54f8e80dp+0":                        "-0x1.78df05430b1b5p-3",   // glibc -0x1.78df05430b1b6p-3
	"cos 0x1.35d1d800fc092p+4":                        "0x1.bdcc32e24b1a1p-1",    // glibc 0x1.bdcc32e24b1a2p-1
	"cos 0x1.1f1f0577acfaep+4":                        "0x1.3c76a1d6d4703p-1",    // glibc 0x1.3c76a1d6d4704p-1
	"cos 0x1.d80efa9eed7edp+3":                        "-0x1.2742deab21d33p-1",   // glibc -0x1.2742deab21d32p-1
	"cos 0x1.25144f88e9dd7p+4":                        "0x1.b936a1f9c61abp-1",    // glibc 0x1.b936a1f9c61acp-1
	"cos 0x1.921fb54442d19p+0":                        "-0x1.72cece675d1fdp-53",  // glibc -0x1.72cece675d1fcp-53
	"cos 0x1.f501bc11e6226p+0":                        "-0x1.81c4f4fa9dc8bp-2",   // glibc -0x1.81c4f4fa9dc8cp-2
	"cos 0x1.1b76e04d7ed6dp+1":                        "-0x1.334f494318461p-1",   // glibc -0x1.334f494318462p-1
	"cos 0x1.c8d00d682b233p+0":                        "-0x1.b230c89d13ddfp-3",   // glibc -0x1.b230c89d13de0p-3
	"cos 0x1.5aad901b9c059p+18":                       "-0x1.2cbb1ea90a5efp-3",   // glibc -0x1.2cbb1ea90a5f0p-3
	"cos 0x1.de032900c9833p+18":                       "0x1.9e76b21b49a49p-1",    // glibc 0x1.9e76b21b49a4ap-1
	"cos -0x1.1f1f0577acfaep+4":                       "0x1.3c76a1d6d4703p-1",    // glibc 0x1.3c76a1d6d4704p-1
	"cos -0x1.e8d5871be8479p+2":                       "0x1.b6d5817a07e7bp-3",    // glibc 0x1.b6d5817a07e7cp-3
	"log 0x1.a81327704fa96p+1":                        "0x1.32a83d733b3f7p+0",    // glibc 0x1.32a83d733b3f8p+0
	"log 0x1.b018e7f63d588p-1":                        "-0x1.5b7df754383a2p-3",   // glibc -0x1.5b7df754383a1p-3
	"exp -0x1.7627db06b7e72p+8":                       "0x1.2796b82773605p-540",  // glibc 0x1.2796b82773604p-540
	"exp -0x1.8a3dfde569dbbp+8":                       "0x1.2bfedf32d1976p-569",  // glibc 0x1.2bfedf32d1977p-569
	"exp -0x1.472f4013ea140p+5":                       "0x1.fec766d487577p-60",   // glibc 0x1.fec766d487576p-60
	"exp -0x1.199da1344e2fcp+7":                       "0x1.cfbe5b05a20d8p-204",  // glibc 0x1.cfbe5b05a20d7p-204
	"exp -0x1.8902fd2e9762bp+8":                       "0x1.00b627fa11309p-567",  // glibc 0x1.00b627fa1130ap-567
	"exp 0x1.bc2698738f8b8p+7":                        "0x1.4ec6a535f3e43p+320",  // glibc 0x1.4ec6a535f3e44p+320
	"exp 0x1.1fcb9399f490cp+8":                        "0x1.26379e7a2bb5bp+415",  // glibc 0x1.26379e7a2bb5ap+415
	"exp 0x1.0c9f6e2eff63ap+9":                        "0x1.0ee05a4d37a1ap+775",  // glibc 0x1.0ee05a4d37a1bp+775
	"exp -0x1.1d3fbc2b63d0bp+8":                       "0x1.6342a5081d7ebp-412",  // glibc 0x1.6342a5081d7ecp-412
	"exp 0x1.95999738d0eccp+8":                        "0x1.1d71463c635edp+585",  // glibc 0x1.1d71463c635ecp+585
	"exp -0x1.6ac4d8917f583p+8":                       "0x1.8d91dda805f4fp-524",  // glibc 0x1.8d91dda805f50p-524
	"exp 0x1.9e09e3149f700p+4":                        "0x1.4283814cf4571p+37",   // glibc 0x1.4283814cf4570p+37
	"exp 0x1.1600000000000p+9":                        "0x1.19c88be195116p+802",  // glibc 0x1.19c88be195115p+802
	"pow 0x1.006aea0fb7c13p+0 -0x1.078cdf813d834p+5":  "0x1.e53b108616022p-1",    // glibc 0x1.e53b108616021p-1
	"pow 0x1.8550eb805be12p+1 0x1.927fc0c3a12ecp+4":   "0x1.4afb4b232194fp+40",   // glibc 0x1.4afb4b232194ep+40
	"pow 0x1.370893e6170cap+2 0x1.7c3d803c69a58p+5":   "0x1.54bb2b3879f7dp+108",  // glibc 0x1.54bb2b3879f7cp+108
	"pow 0x1.30c2e751381b8p+3 -0x1.d4af19713d72dp+4":  "0x1.af9b02990ed44p-96",   // glibc 0x1.af9b02990ed43p-96
	"pow 0x1.21703870e274dp+2 -0x1.0694164faaf2cp+5":  "0x1.74c5857849be2p-72",   // glibc 0x1.74c5857849be1p-72
	"pow 0x1.18fcd3e7c8c3bp+3 0x1.232dc8301191ap+5":   "0x1.0f115ee2c64a4p+114",  // glibc 0x1.0f115ee2c64a3p+114
	"pow 0x1.1b72db9222d16p+3 -0x1.47380fd592686p+5":  "0x1.37615bb3d366ap-129",  // glibc 0x1.37615bb3d366bp-129
	"pow 0x1.b658fdbea95a0p+2 -0x1.4cf7f03a70910p+3":  "0x1.155ff9555e78cp-29",   // glibc 0x1.155ff9555e78dp-29
	"pow 0x1.d03c7f9947fd8p+2 -0x1.eba306906059cp+4":  "0x1.1de75212d8fe1p-88",   // glibc 0x1.1de75212d8fe0p-88
	"pow 0x1.0cfe8f1dfbb35p+3 -0x1.a64fde6b29d8cp+3":  "0x1.617e86fc7ad6dp-41",   // glibc 0x1.617e86fc7ad6cp-41
	"pow 0x1.d915c769a8292p+2 -0x1.5c4c32c023857p+5":  "0x1.4717280999500p-126",  // glibc 0x1.47172809994ffp-126
	"pow 0x1.3cd5cfb25f204p+1 -0x1.22e6872d82a10p+3":  "0x1.14e45f3357eadp-12",   // glibc 0x1.14e45f3357eaep-12
	"pow 0x1.fcfa37dc477c7p+0 0x1.987992b5be128p+4":   "0x1.3db7c0f59a80dp+25",   // glibc 0x1.3db7c0f59a80ep+25
	"pow 0x1.8b76245b7cab0p-3 0x1.905e1c9a77d40p-1":   "0x1.1b01f91bb0fbbp-2",    // glibc 0x1.1b01f91bb0fbap-2
	"pow 0x1.fff2e48e8a71ep-1 -0x1.35a0000000000p+11": "0x1.47f59b7470a42p+0",    // glibc 0x1.47f59b7470a43p+0
	"pow 0x1.e666666666666p-1 -0x1.8ce0000000000p+12": "0x1.deefe10de88bbp+469",  // glibc 0x1.deefe10de88bap+469
	"pow 0x1.ccccccccccccdp-1 -0x1.3780000000000p+12": "0x1.7f96cc07bb150p+757",  // glibc 0x1.7f96cc07bb14fp+757
	"pow -0x1.9ecf79d363f5ep+2 -0x1.9800000000000p+5": "-0x1.671b5f1d1bbe0p-138", // glibc -0x1.671b5f1d1bbe1p-138
	"pow 0x1.0000088e822c1p+0 0x1.2a0e53be57d04p+19":  "0x1.5d7fd1bf7588fp+0",    // glibc 0x1.5d7fd1bf75890p+0
	"pow 0x1.fffffdcb58680p-1 0x1.827ba94670c48p+17":  "0x1.f9621f6bafd6ap-1",    // glibc 0x1.f9621f6bafd69p-1
}

type goldenCase struct {
	key  string // function name and arguments as in the file
	args []float64
	want float64
}

func readGolden(t *testing.T, name string) []goldenCase {
	t.Helper()
	f, err := os.Open("testdata/" + name + ".txt.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	sc := bufio.NewScanner(z)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		var v []float64
		for _, s := range fields {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			v = append(v, x)
		}
		n := len(v) - 1
		cases = append(cases, goldenCase{name + " " + strings.Join(fields[:n], " "), v[:n], v[n]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// fast and slow are the functions under test and their multiple-precision
// references (slow.go), bigSlow those in math/big (bigref_test.go).
var (
	fast = map[string]func(a []float64) float64{
		"cos": func(a []float64) float64 { return Cos(a[0]) },
		"log": func(a []float64) float64 { return Log(a[0]) },
		"exp": func(a []float64) float64 { return Exp(a[0]) },
		"pow": func(a []float64) float64 { return Pow(a[0], a[1]) },
	}
	slow = map[string]func(a []float64) float64{
		"cos": func(a []float64) float64 { return cosSlow(a[0]) },
		"log": func(a []float64) float64 { return logSlow(a[0]) },
		"exp": func(a []float64) float64 { return expSlow(a[0]) },
		"pow": func(a []float64) float64 { return powRef(a[0], a[1]) },
	}
	bigSlow = map[string]func(a []float64) float64{
		"cos": func(a []float64) float64 { return bigCosSlow(a[0]) },
		"log": func(a []float64) float64 { return bigLogSlow(a[0]) },
		"exp": func(a []float64) float64 { return bigExpSlow(a[0]) },
		"pow": func(a []float64) float64 {
			if a[0] < 0 {
				if isOddInt(a[1]) {
					return -bigPowSlow(-a[0], a[1])
				}
				return bigPowSlow(-a[0], a[1])
			}
			return bigPowSlow(a[0], a[1])
		},
	}
)

// powRef is powSlow extended to negative bases with integer exponents.
func powRef(x, y float64) float64 {
	if x < 0 {
		if isOddInt(y) {
			return -powSlow(-x, y)
		}
		return powSlow(-x, y)
	}
	return powSlow(x, y)
}

func hexf(v float64) string { return strconv.FormatFloat(v, 'x', -1, 64) }

func TestGolden(t *testing.T) {
	for _, name := range []string{"cos", "log", "exp", "pow"} {
		t.Run(name, func(t *testing.T) {
			f := fast[name]
			cases := readGolden(t, name)
			same, known := 0, 0
			for _, c := range cases {
				got := f(c.args)
				if got == c.want {
					same++
					continue
				}
				correct, ok := glibcMisrounded[c.key]
				if !ok {
					t.Errorf("%s = %s, CPython/glibc %s", c.key, hexf(got), hexf(c.want))
					continue
				}
				known++
				if w, _ := strconv.ParseFloat(correct, 64); got != w {
					t.Errorf("%s = %s, correctly rounded %s (glibc %s)", c.key, hexf(got), correct, hexf(c.want))
				}
			}
			t.Logf("%d cases: %d equal to glibc bit for bit, %d where glibc misrounds", len(cases), same, known)
		})
	}
}

// TestGoldenSlow runs the slow path and its math/big reference on every
// tenth golden case: they are the fallback and the reference of the other
// tests, so they are checked against independent values too.
func TestGoldenSlow(t *testing.T) {
	for _, name := range []string{"cos", "log", "exp", "pow"} {
		f, fb := slow[name], bigSlow[name]
		step := 10
		if testing.Short() {
			step = 100
		}
		for i, c := range readGolden(t, name) {
			if i%step != 0 {
				continue
			}
			want := c.want
			if correct, ok := glibcMisrounded[c.key]; ok {
				want, _ = strconv.ParseFloat(correct, 64)
			}
			if got := f(c.args); got != want {
				t.Errorf("slow %s = %s, want %s", c.key, hexf(got), hexf(want))
			}
			if got := fb(c.args); got != want {
				t.Errorf("math/big %s = %s, want %s", c.key, hexf(got), hexf(want))
			}
		}
	}
}

// TestGlibcMisroundedList keeps glibcMisrounded exact: every entry must be a
// golden case, and our result there must be that of the slow path and of
// math/big.
func TestGlibcMisroundedList(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range []string{"cos", "log", "exp", "pow"} {
		for _, c := range readGolden(t, name) {
			correct, ok := glibcMisrounded[c.key]
			if !ok || seen[c.key] {
				continue
			}
			seen[c.key] = true
			if ref := slow[name](c.args); hexf(ref) != hexf(mustParse(t, correct)) {
				t.Errorf("%s: the slow path gives %s, list says %s", c.key, hexf(ref), correct)
			}
			if ref := bigSlow[name](c.args); hexf(ref) != hexf(mustParse(t, correct)) {
				t.Errorf("%s: math/big gives %s, list says %s", c.key, hexf(ref), correct)
			}
			if d := math.Abs(mustParse(t, correct) - c.want); d != ulp(c.want) && d != ulp(mustParse(t, correct)) {
				t.Errorf("%s: glibc %s is not one ulp from %s", c.key, hexf(c.want), correct)
			}
		}
	}
	for k := range glibcMisrounded {
		if !seen[k] {
			t.Errorf("%s is in glibcMisrounded but not in the golden files", k)
		}
	}
}

func mustParse(t *testing.T, s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// ulp returns the spacing of the float64s at x (above |x|).
func ulp(x float64) float64 {
	x = math.Abs(x)
	return math.Nextafter(x, math.Inf(1)) - x
}
