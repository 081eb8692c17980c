package revision

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func eq(s string) Chunk  { return Chunk{Equal, s} }
func ins(s string) Chunk { return Chunk{Insert, s} }
func del(s string) Chunk { return Chunk{Delete, s} }

func TestDiff(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Chunk
	}{
		{"identical", "The same text.", "The same text.", []Chunk{eq("The same text.")}},
		{"both empty", "", "", nil},
		{"empty old", "", "Fresh start.", []Chunk{ins("Fresh start.")}},
		{"empty new", "All gone.", "", []Chunk{del("All gone.")}},
		{"insertion in the middle", "Offer tea to newcomers.", "Offer hot tea to newcomers.",
			[]Chunk{eq("Offer "), ins("hot "), eq("tea to newcomers.")}},
		{"deletion", "Ask them to read the long charter first.", "Ask them to read the charter first.",
			[]Chunk{eq("Ask them to read the "), del("long "), eq("charter first.")}},
		{"one word replaced, not its letters", "Offer tea to newcomers.", "Offer coffee to newcomers.",
			[]Chunk{eq("Offer "), del("tea"), ins("coffee"), eq(" to newcomers.")}},
		{"a word that grows is replaced whole", "We meet weekly.", "We meet biweekly.",
			[]Chunk{eq("We meet "), del("weekly"), ins("biweekly"), eq(".")}},
		{"punctuation", "Wait, then go.", "Wait; then go!",
			[]Chunk{eq("Wait"), del(","), ins(";"), eq(" then go"), del("."), ins("!")}},
		{"apostrophes stay in their word", "Don't stop.", "Won't stop.",
			[]Chunk{del("Don't"), ins("Won't"), eq(" stop.")}},
		{"accents", "Le café est fermé.", "Le café est ouvert.",
			[]Chunk{eq("Le café est "), del("fermé"), ins("ouvert"), eq(".")}},
		{"combining accents stay in their word", "Le cafe\u0301 ferme.", "Le cafe ferme.",
			[]Chunk{eq("Le "), del("cafe\u0301"), ins("cafe"), eq(" ferme.")}},
		{"CJK, one character at a time", "我喜欢猫。", "我喜欢狗。",
			[]Chunk{eq("我喜欢"), del("猫"), ins("狗"), eq("。")}},
		{"Japanese insertion", "今日は雨です", "今日は大雨です",
			[]Chunk{eq("今日は"), ins("大"), eq("雨です")}},
		{"whitespace only", "two  spaces", "two spaces",
			[]Chunk{eq("two"), del("  "), ins(" "), eq("spaces")}},
		{"paragraph break added", "One. Two.", "One.\n\nTwo.",
			[]Chunk{eq("One."), del(" "), ins("\n\n"), eq("Two.")}},
		{"line endings do not count", "One\r\nTwo\rThree", "One\nTwo\nThree", []Chunk{eq("One\nTwo\nThree")}},
		{"neighbouring replacements read as one", "the cat sat", "a dog sat",
			[]Chunk{del("the cat"), ins("a dog"), eq(" sat")}},
		{"replacements across a line break stay apart", "cat\ndog", "cow\npig",
			[]Chunk{del("cat"), ins("cow"), eq("\n"), del("dog"), ins("pig")}},
		{"emoji", "Great work 👍", "Great work 🎉",
			[]Chunk{eq("Great work "), del("👍"), ins("🎉")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(tt.old, tt.new)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff(%q, %q)\n got %q\nwant %q", tt.old, tt.new, got, tt.want)
			}
			checkSpells(t, got, normalize(tt.old), normalize(tt.new))
		})
	}
}

// checkSpells fails unless chunks turn old into new, are well formed, and
// never put two chunks of one op side by side.
func checkSpells(t *testing.T, chunks []Chunk, old, new string) {
	t.Helper()
	var a, b strings.Builder
	for i, c := range chunks {
		if c.Text == "" {
			t.Errorf("chunk %d is empty", i)
		}
		if i > 0 && chunks[i-1].Op == c.Op {
			t.Errorf("chunks %d and %d are both %v", i-1, i, c.Op)
		}
		if i > 0 && chunks[i-1].Op == Insert && c.Op == Delete {
			t.Errorf("chunk %d deletes after an insertion; deletions come first", i)
		}
		if c.Op != Insert {
			a.WriteString(c.Text)
		}
		if c.Op != Delete {
			b.WriteString(c.Text)
		}
	}
	if a.String() != old {
		t.Errorf("equal and deleted chunks spell %q, want %q", a.String(), old)
	}
	if b.String() != new {
		t.Errorf("equal and inserted chunks spell %q, want %q", b.String(), new)
	}
}

func TestDiffRandomEditsSpellBothTexts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"tea", "coffee", "café", "猫", "the", "a", ",", ".", " ", "  ", "\n", "\n\n", "don't", "👍", "<b>"}
	text := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String()
	}
	for i := range 300 {
		old := text(rng.IntN(40))
		new := mutate(rng, tokenize(old), words)
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkSpells(t, Diff(old, new), old, new) })
	}
}

// mutate replaces, deletes and inserts some of the tokens.
func mutate(rng *rand.Rand, tokens, words []string) string {
	var b strings.Builder
	for _, tok := range tokens {
		switch rng.IntN(8) {
		case 0: // delete
		case 1:
			b.WriteString(words[rng.IntN(len(words))])
		case 2:
			b.WriteString(tok + words[rng.IntN(len(words))])
		default:
			b.WriteString(tok)
		}
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"don't stop.", []string{"don't", " ", "stop", "."}},
		{"It’s 3.5 km...", []string{"It’s", " ", "3", ".", "5", " ", "km", "..."}},
		{"end'", []string{"end", "'"}},
		{"a\n\nb", []string{"a", "\n", "\n", "b"}},
		{"x \t y", []string{"x", " \t ", "y"}},
		{"日本語です", []string{"日", "本", "語", "で", "す"}},
		{"well-known", []string{"well", "-", "known"}},
		{"bad \xff byte", []string{"bad", " ", "\xff", " ", "byte"}},
	}
	for _, tt := range tests {
		got := tokenize(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tokenize(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestRuneMapping(t *testing.T) {
	for _, i := range []int{0, 6399, 6400, 6400 + 65533, 6400 + 65534, 137467, 137468, 137468 + 0xD7FF, 137468 + 0xD800, runeCapacity - 1} {
		r := runeFor(i)
		if !utf8.ValidRune(r) || string(r) == string(utf8.RuneError) && r != utf8.RuneError {
			t.Errorf("runeFor(%d) = %U, which does not survive a string", i, r)
		}
		if back := []rune(string(r)); len(back) != 1 || back[0] != r || indexOf(r) != i {
			t.Errorf("runeFor(%d) = %U does not map back (index %d)", i, r, indexOf(r))
		}
	}
	if runeFor(0) != 0xE000 {
		t.Errorf("first token rune is %U; want the first private-use rune", runeFor(0))
	}
	if runeCapacity < 1_000_000 {
		t.Errorf("only %d distinct tokens fit", runeCapacity)
	}
}

func TestDiffManyDistinctTokens(t *testing.T) {
	// More distinct words than the private-use areas hold, so runes from
	// the rest of Unicode (ASCII included) stand for tokens too.
	if testing.Short() {
		t.Skip("long text")
	}
	const n = 150_000
	var old, new strings.Builder
	for i := range n {
		w := fmt.Sprintf("w%d ", i)
		old.WriteString(w)
		switch i {
		case 10, 100_000:
			new.WriteString("changed ")
		case 140_000:
		default:
			new.WriteString(w)
		}
	}
	chunks := Diff(old.String(), new.String())
	checkSpells(t, chunks, old.String(), new.String())
	if added, removed := Stats(chunks); added != 2 || removed != 3 {
		t.Errorf("Stats = +%d -%d; want +2 -3", added, removed)
	}
}

func TestDiffFallbackBeyondCapacity(t *testing.T) {
	a := tokenize("keep one shared two keep")
	b := tokenize("keep three shared four keep")
	got := diffTokens(a, b, 3) // the middle holds 6 distinct tokens
	want := []Chunk{eq("keep "), del("one shared two"), ins("three shared four"), eq(" keep")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fallback diff = %q; want %q", got, want)
	}
	got = diffTokens(a, b, 100)
	want = []Chunk{eq("keep "), del("one"), ins("three"), eq(" shared "), del("two"), ins("four"), eq(" keep")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with room for every token the diff is %q; want %q", got, want)
	}
}

func TestDiffSnapshots(t *testing.T) {
	a := Snapshot{Title: "Welcome", Summary: "How we greet", Body: "Say hello.\nOffer tea."}
	b := Snapshot{Title: "Welcome", Summary: "How we greet people", Body: "Say hello.\r\nOffer tea."}
	d := DiffSnapshots(a, b)
	if d.TitleChanged || !d.SummaryChanged || d.BodyChanged || !d.Changed() {
		t.Errorf("changed = title %v, summary %v, body %v, any %v; want only summary",
			d.TitleChanged, d.SummaryChanged, d.BodyChanged, d.Changed())
	}
	if want := []Chunk{eq("Welcome")}; !reflect.DeepEqual(d.Title, want) {
		t.Errorf("title diff %q; want %q", d.Title, want)
	}
	if want := []Chunk{eq("How we greet"), ins(" people")}; !reflect.DeepEqual(d.Summary, want) {
		t.Errorf("summary diff %q; want %q", d.Summary, want)
	}
	if same := DiffSnapshots(a, a); same.Changed() {
		t.Error("a snapshot differs from itself")
	}
}

func TestDiffSnapshotsShowsChangedFields(t *testing.T) {
	a := Snapshot{Title: "Welcome", Fields: map[string]string{"kind": "lesson", "tags": "tea", "source": "a talk"}}
	b := Snapshot{Title: "Welcome", Fields: map[string]string{"kind": "story", "tags": "tea, welcome", "source": "a talk", "link": "example"}}
	d := DiffSnapshots(a, b)
	var names []string
	for _, f := range d.Fields {
		names = append(names, f.Name)
	}
	if !d.Changed() || d.TitleChanged || !reflect.DeepEqual(names, []string{"kind", "link", "tags"}) {
		t.Fatalf("changed = %v, fields %v; want kind, link and tags only", d.Changed(), names)
	}
	if want := []Chunk{eq("tea"), ins(", welcome")}; !reflect.DeepEqual(d.Fields[2].Chunks, want) {
		t.Errorf("tags diff %q; want %q", d.Fields[2].Chunks, want)
	}
	if added, _ := Stats(d.AllChunks()); added != 3 { // story, example, welcome
		t.Errorf("words added over all fields = %d, want 3", added)
	}
	// A revision saved before fields were kept says nothing about them.
	if old := DiffSnapshots(Snapshot{Title: "Welcome"}, b); old.Changed() {
		t.Errorf("a diff with a revision without fields shows %+v", old.Fields)
	}
}

func TestStats(t *testing.T) {
	chunks := Diff("Offer tea to every newcomer, kindly.", "Offer coffee or tea to newcomers!")
	added, removed := Stats(chunks)
	if added != 3 || removed != 3 {
		t.Errorf("Stats(%q) = +%d -%d; want +3 -3", chunks, added, removed)
	}
	if a, r := Stats(Diff("a  b", "a b")); a != 0 || r != 0 {
		t.Errorf("a whitespace change counts +%d -%d words", a, r)
	}
	if a, r := Stats(Diff("", "猫が好き")); a != 4 || r != 0 {
		t.Errorf("CJK insertion counts +%d -%d; want one word per character", a, r)
	}
}
