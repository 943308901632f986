package reader

import (
	"strings"
	"unicode"

	"golang.org/x/text/encoding/charmap"
)

// Detection of undeclared Cyrillic single-byte text. A page that is not
// UTF-8 and declares nothing (or only the Latin-1 family that old servers
// send for everything) is read as windows-1252, the web's default; this
// decides when it is really windows-1251 or KOI8-R instead.
//
// Two observations do the work, both cheap and hard to fool:
//   - Western European text uses high bytes as accents inside mostly-ASCII
//     words ("München", "bientôt"); Cyrillic text is made of words written
//     wholly in high bytes. So where under half of the letters of the words
//     that carry a high byte are high bytes, the text is Latin script.
//   - Read through the right code page, Russian (and its neighbours) forms
//     the common letter pairs of the language; through the wrong one the
//     letters are permuted and the pairs turn up at chance rate.

// cyrMaxScan bounds the bytes examined: a few hundred KB of text decide as
// well as a whole page would.
const cyrMaxScan = 256 << 10

// cyrMinPairs is the fewest letter pairs a guess rests on: fewer, and the
// Western default stands.
const cyrMinPairs = 4

// cyrMinRate is the share of letter pairs that must be common Russian
// pairs. Russian, Ukrainian, Belarusian and Bulgarian prose score 0.4 to
// 0.55 through their own code page (a pangram 0.36); through the other one,
// or for Greek, Hebrew or Arabic text, the score stays near 0.1 to 0.25.
const cyrMinRate = 0.3

// cyrCommonPairs are frequent letter pairs of Russian prose, which most
// also are in Ukrainian, Belarusian and Bulgarian.
const cyrCommonPairs = `ст но то на ен ов ни ра во ко ро ре ос пр по ор ал ан ли ер
от ат ес ол те ом ва ит ел ть ла ка ин ле де ет ак ск ны го ие ой ог ри ми не ве
да ев ло он ил ль ем ти од об ая пе за ся ей ий ых ым че чт ди ки мо ду ис ам им
ас ме ив тв ус ня ам ег ую ят ых бы ше ци из ру до ой ль ки ог ие ам ит ют ев`

// cyrCodePage is one candidate Cyrillic code page.
type cyrCodePage struct {
	name string
	// russian[b] is 1 + the index of the lower-case Russian letter (а..я,
	// ё folded into е) that byte b decodes to, or 0.
	russian [256]uint8
}

var (
	// cyrPages are the candidates, most common first: ties go to it.
	cyrPages = [...]*cyrCodePage{
		newCyrCodePage("windows-1251", charmap.Windows1251),
		newCyrCodePage("koi8-r", charmap.KOI8R),
	}
	// cyrPair[a][b] says whether Russian letters a, b (0-based, а=0) are
	// a common pair.
	cyrPair = func() (t [32][32]bool) {
		for _, p := range strings.Fields(cyrCommonPairs) {
			r := []rune(p)
			t[r[0]-'а'][r[1]-'а'] = true
		}
		return t
	}()
	// latinLetter[b] says whether byte b is a letter in windows-1252.
	latinLetter = func() (t [256]bool) {
		for b := range 256 {
			t[b] = unicode.IsLetter(charmap.Windows1252.DecodeByte(byte(b)))
		}
		return t
	}()
)

func newCyrCodePage(name string, cm *charmap.Charmap) *cyrCodePage {
	p := &cyrCodePage{name: name}
	for b := 0x80; b < 256; b++ {
		r := unicode.ToLower(cm.DecodeByte(byte(b)))
		if r == 'ё' {
			r = 'е'
		}
		if r >= 'а' && r <= 'я' {
			p.russian[b] = uint8(r-'а') + 1
		}
	}
	return p
}

// guessCyrillic names the Cyrillic code page raw is written in,
// "windows-1251" or "koi8-r", or returns "" when raw does not look like
// Cyrillic text in either (Latin-script text, or too little to tell).
// With markup set, bytes inside <...> are skipped, so tag and attribute
// names do not count as words.
func guessCyrillic(raw []byte, markup bool) string {
	sc := scoreCyrillic(raw, markup)
	if sc.highLetters == 0 || sc.highShare < 0.5 {
		return ""
	}
	best, bestRate := "", cyrMinRate
	for i, p := range cyrPages {
		if sc.pairs[i] < cyrMinPairs {
			continue
		}
		if rate := sc.rate[i]; rate >= bestRate && (best == "" || rate > bestRate) {
			best, bestRate = p.name, rate
		}
	}
	return best
}

// cyrScores are the measurements guessCyrillic decides on.
type cyrScores struct {
	// highLetters counts high bytes that are windows-1252 letters;
	// highShare is their share of the letters of the words holding one.
	highLetters int
	highShare   float64
	// Per candidate code page: Russian letter pairs seen, and the share
	// of them that are common pairs.
	pairs [len(cyrPages)]int
	rate  [len(cyrPages)]float64
}

func scoreCyrillic(raw []byte, markup bool) cyrScores {
	if len(raw) > cyrMaxScan {
		raw = raw[:cyrMaxScan]
	}
	var (
		// Letters (and of them high bytes) in the words that hold a high
		// byte, words being runs of windows-1252 letters.
		wordAll, wordHigh, highLetters int
		curAll, curHigh                int
		// Per candidate: letter pairs seen, common pairs among them, and
		// the previous byte's letter (0: none).
		pairs, hits [len(cyrPages)]int
		prev        [len(cyrPages)]uint8
		inTag       bool
	)
	endLatinWord := func() {
		if curHigh > 0 {
			wordAll += curAll
			wordHigh += curHigh
		}
		curAll, curHigh = 0, 0
	}
	endWord := func() {
		endLatinWord()
		prev = [len(cyrPages)]uint8{}
	}
	for _, b := range raw {
		if markup {
			if inTag {
				inTag = b != '>'
				continue
			}
			if b == '<' {
				inTag = true
				endWord()
				continue
			}
		}
		if b < 0x80 {
			if latinLetter[b] {
				curAll++
				prev = [len(cyrPages)]uint8{}
			} else {
				endWord()
			}
			continue
		}
		if latinLetter[b] {
			curAll++
			curHigh++
			highLetters++
		} else {
			// A byte that is no letter in windows-1252 (such as 0xD7, ×)
			// may be one in Cyrillic: it ends the Latin word but not the
			// letter pairs.
			endLatinWord()
		}
		for i, p := range cyrPages {
			l := p.russian[b]
			if l != 0 && prev[i] != 0 {
				pairs[i]++
				if cyrPair[prev[i]-1][l-1] {
					hits[i]++
				}
			}
			prev[i] = l
		}
	}
	endWord()
	sc := cyrScores{highLetters: highLetters, pairs: pairs}
	if wordAll > 0 {
		sc.highShare = float64(wordHigh) / float64(wordAll)
	}
	for i := range pairs {
		if pairs[i] > 0 {
			sc.rate[i] = float64(hits[i]) / float64(pairs[i])
		}
	}
	return sc
}
