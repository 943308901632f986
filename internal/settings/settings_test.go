package settings

import "testing"

// One rule for the reading width (issue 14: config, --width and the
// reader had three).
func TestWidthBounds(t *testing.T) {
	for in, want := range map[int]int{0: MinWidth, 19: MinWidth, 20: 20, 72: 72, 200: 200, 400: MaxWidth} {
		if got := ClampWidth(in); got != want {
			t.Errorf("ClampWidth(%d) = %d, want %d", in, got, want)
		}
	}
	for _, bad := range []string{"", "x", "19", "201", "-5", "80.5"} {
		if _, err := ParseWidth(bad); err == nil {
			t.Errorf("ParseWidth(%q) accepted", bad)
		}
	}
	if n, err := ParseWidth("72"); err != nil || n != 72 {
		t.Errorf("ParseWidth(72) = %d, %v", n, err)
	}
}
