package htmlreport_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/htmlreport"
)

// screenshot is the picture of the example article's page that the README
// shows; TEXTCLEAN_BROWSER=1 go test -run Browser -update rewrites it.
const screenshot = "../../docs/review.png"

// chromium returns the browser to test with, or skips the test: it runs
// only with TEXTCLEAN_BROWSER=1 (.ci/run then installs Debian's chromium).
func chromium(t *testing.T) string {
	t.Helper()
	if os.Getenv("TEXTCLEAN_BROWSER") == "" {
		t.Skip("set TEXTCLEAN_BROWSER=1 to test the page in headless Chromium")
	}
	for _, name := range []string{os.Getenv("TEXTCLEAN_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Fatal("TEXTCLEAN_BROWSER is set but no chromium is installed (apt-get install chromium)")
	return ""
}

// headless runs the browser on the page at file with args.
func headless(t *testing.T, browser, file string, args ...string) []byte {
	t.Helper()
	args = append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
		"--user-data-dir=" + t.TempDir(), "--window-size=1100,1400"}, args...)
	cmd := exec.Command(browser, append(args, "file://"+file)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, stderr.String())
	}
	return stdout.Bytes()
}

// TestBrowser loads the example article's page from a file URL in headless
// Chromium, asks the browser how it styles the removed runs (a probe script
// added to a copy of the page writes each element's computed style into
// the DOM, which --dump-dom then prints), and takes a screenshot, in which
// the colour of removed text must show.
func TestBrowser(t *testing.T) {
	browser := chromium(t)
	input := readFile(t, seedArticle)
	r, err := dedupe.Clean(input, dedupe.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := (&htmlreport.Page{Name: "000_2c2adb0dfae1852d.txt", Input: input, Result: r}).Write(&page); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "seed.html")
	if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	const probe = `<script>
for (const el of document.querySelectorAll("main del, main .moved-from p, main .why")) {
  const s = getComputedStyle(el);
  el.setAttribute("data-style", [s.textDecorationLine, s.color, s.backgroundColor, s.display].join("|"));
}
</script>`
	probed := filepath.Join(dir, "probed.html")
	if err := os.WriteFile(probed, []byte(strings.Replace(page.String(), "</body>", probe+"</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(headless(t, browser, probed, "--dump-dom")))
	if err != nil {
		t.Fatal(err)
	}
	main := find(doc, func(n *html.Node) bool { return n.Data == "main" })
	if main == nil {
		t.Fatal("no <main> in the browser's DOM")
	}
	struck := all(main, func(n *html.Node) bool { return n.Data == "del" })
	if len(struck) != 16 {
		t.Errorf("%d struck-through paragraphs in the browser's DOM, want the 16 of the two runs", len(struck))
	}
	for _, del := range struck {
		style := strings.Split(attr(del, "data-style"), "|")
		if len(style) != 4 || style[0] != "line-through" || style[2] != "rgb(253, 236, 234)" {
			t.Errorf("removed text %.40q is styled %q, want line-through on rgb(253, 236, 234)", text(del, nil), style)
		}
	}
	runs := all(doc, func(n *html.Node) bool { return hasClass(n, "run") })
	if len(runs) != 2 {
		t.Errorf("%d runs in the browser's DOM, want 2", len(runs))
	}
	for _, why := range all(main, func(n *html.Node) bool { return hasClass(n, "why") && !hasClass(n, "inline") }) {
		if !strings.HasSuffix(attr(why, "data-style"), "|block") {
			t.Errorf("label %q is not shown on its own line: %q", text(why, nil), attr(why, "data-style"))
		}
	}
	if moved := all(doc, func(n *html.Node) bool { return hasClass(n, "moved-from") }); len(moved) != 2 {
		t.Errorf("%d moved headings at their input place, want 2", len(moved))
	}

	shot := filepath.Join(dir, "seed.png")
	headless(t, browser, file, "--screenshot="+shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1100 || b.Dy() != 1400 {
		t.Errorf("screenshot is %v, want 1100×1400", b)
	}
	if n := countColour(img, 0xfd, 0xec, 0xea); n < 1000 {
		t.Errorf("the screenshot shows %d pixels of the removed text's background, want a run's worth", n)
	}
	if *update && !t.Failed() {
		b, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(screenshot), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(screenshot, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// countColour counts the pixels of img of colour r, g, b.
func countColour(img image.Image, r, g, b uint8) int {
	n := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if uint8(pr>>8) == r && uint8(pg>>8) == g && uint8(pb>>8) == b {
				n++
			}
		}
	}
	return n
}
