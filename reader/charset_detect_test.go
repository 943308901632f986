package reader

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// Prose samples in several languages, for the charset tests.
const (
	proseRu     = "Безопасность помощи слабому государству редко покупает ту стабильность, которую обещают её спонсоры. Опыт последних двух десятилетий показывает программы подготовки, пережившие правительства, которые они должны были защищать."
	proseRuCaps = "ПОМОЩЬ СЛАБОМУ ГОСУДАРСТВУ: ЧТО ПОШЛО НЕ ТАК"
	proseUk     = "Київ — столиця України, одне з найбільших міст Європи. Місто розташоване на річці Дніпро і має багату історію, що налічує понад півтори тисячі років."
	proseBg     = "София е столицата и най-големият град на България. Градът е разположен в подножието на планината Витоша и е важен културен център."
	proseFr     = "Été comme hiver, à côté de la fenêtre, où l'on déjeune près du château, la pâtisserie française reste une spécialité réputée. Ça, c'est déjà très français."
	proseDe     = "Grüße aus München! Die Straße führt über die Brücke zum Schloß; übermäßig schön, äußerst gemütlich."
	proseEs     = "¿Qué pasó? El niño está en el jardín, y mañana irá a la montaña con su compañía. Atención: ¡olé!"
	prosePt     = "A ação não é fácil: o coração está à espera, e a situação é difícil. Você já viu o pão?"
	proseIs     = "Þórður fór í búðina og keypti ýmislegt. Það er ótrúlegt hvað þú sérð á Íslandi."
	proseEl     = "Η Αθήνα είναι η πρωτεύουσα και μεγαλύτερη πόλη της Ελλάδας, με μακρά ιστορία."
	prosePl     = "Zażółć gęślą jaźń. Wszystko się zmienia, ale miłość pozostaje; źródło życia."
)

func encodeIn(t testing.TB, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode in %v: %v", cm, err)
	}
	return b
}

func TestGuessCyrillic(t *testing.T) {
	w1251, koi8, w1252 := charmap.Windows1251, charmap.KOI8R, charmap.Windows1252
	tests := []struct {
		name   string
		cm     *charmap.Charmap
		text   string
		markup bool
		want   string
	}{
		{"ru 1251", w1251, proseRu, false, "windows-1251"},
		{"ru koi8-r", koi8, proseRu, false, "koi8-r"},
		{"ru 1251 in markup", w1251, `<html lang="ru"><head><title>Помощь слабому государству</title></head><body><p class="lead">` + proseRu + `</p></body></html>`, true, "windows-1251"},
		{"ru koi8-r in markup", koi8, `<p>` + proseRu + `</p>`, true, "koi8-r"},
		{"ru title only", w1251, "Помощь слабому государству", false, "windows-1251"},
		{"ru one word", koi8, "Привет", false, "koi8-r"},
		{"ru all caps 1251", w1251, proseRuCaps, false, "windows-1251"},
		{"ru all caps koi8-r", koi8, proseRuCaps, false, "koi8-r"},
		{"ru pangram", w1251, cyrillicSample, false, "windows-1251"},
		{"ru among english", w1251, strings.Repeat("<p>An English paragraph about the weather and the sea.</p>", 20) + "<p>Помощь слабому государству</p>", true, "windows-1251"},
		{"uk 1251", w1251, proseUk, false, "windows-1251"},
		{"bg 1251", w1251, proseBg, false, "windows-1251"},
		{"bg koi8-r", koi8, proseBg, false, "koi8-r"},
		{"fr 1252", w1252, proseFr, false, ""},
		{"de 1252", w1252, proseDe, false, ""},
		{"es 1252", w1252, proseEs, false, ""},
		{"pt 1252", w1252, prosePt, false, ""},
		{"is 1252", w1252, proseIs, false, ""},
		{"fr accented short words", w1252, "à é è ù ç où à là déjà été", false, ""},
		{"fr in markup", w1252, "<p title=\"été\">" + proseFr + "</p>", true, ""},
		{"el 1253", charmap.Windows1253, proseEl, false, ""},
		{"pl 1250", charmap.Windows1250, prosePl, false, ""},
		{"ascii", w1252, "plain ASCII text, nothing to detect", false, ""},
		{"cyrillic only in tags", w1251, `<a title="Помощь слабому государству">plain text</a>`, true, ""},
		{"empty", w1252, "", false, ""},
	}
	for _, tt := range tests {
		raw := encodeIn(t, tt.cm, tt.text)
		if got := guessCyrillic(raw, tt.markup); got != tt.want {
			t.Errorf("%s: guessCyrillic = %q, want %q (scores %+v)", tt.name, got, tt.want, scoreCyrillic(raw, tt.markup))
		}
	}
}

// TestGuessCyrillicSeparation checks the margins the thresholds rest on:
// the right code page scores well above cyrMinRate, the wrong one and
// other scripts well below it, Latin-script text far under half.
func TestGuessCyrillicSeparation(t *testing.T) {
	for _, s := range []string{proseRu, proseUk, proseBg} {
		sc := scoreCyrillic(encodeIn(t, charmap.Windows1251, s), false)
		if sc.rate[0] < cyrMinRate+0.05 || sc.rate[1] > cyrMinRate-0.05 {
			t.Errorf("1251 %.20q: rates %v too close to %v", s, sc.rate, cyrMinRate)
		}
	}
	for _, s := range []string{proseFr, proseDe, proseEs, prosePt, proseIs} {
		if sc := scoreCyrillic(encodeIn(t, charmap.Windows1252, s), false); sc.highShare > 0.4 {
			t.Errorf("1252 %.20q: high-byte share %.2f near 0.5", s, sc.highShare)
		}
	}
}

func FuzzGuessCyrillic(f *testing.F) {
	f.Add([]byte("<p>\xcf\xf0\xe8\xe2\xe5\xf2</p>"), true)
	f.Add([]byte("Gr\xfc\xdfe aus M\xfcnchen"), false)
	f.Add([]byte("<\xff<>\x80"), true)
	f.Fuzz(func(t *testing.T, raw []byte, markup bool) {
		got := guessCyrillic(raw, markup)
		switch got {
		case "", "windows-1251", "koi8-r":
		default:
			t.Fatalf("guessCyrillic = %q", got)
		}
		ascii := true
		for _, b := range raw {
			ascii = ascii && b < 0x80
		}
		if ascii && got != "" {
			t.Fatalf("ASCII guessed as %q", got)
		}
	})
}
