package benchdata

// SearchQuery is one query of the search mix: words, and the slug of a
// community to search in ("" for all).
type SearchQuery struct {
	Text      string
	Community string
}

// SearchMix is the queries `hearth bench` cycles for its search target (and
// internal/search's BenchmarkSearchMix runs in process): rare,
// mid-frequency and very common words, two and three words, a phrase, a
// prefix and a filter by community. Ranks in the Zipf vocabulary: rank
// 5,000 is in about 0.2% of documents, rank 500 in about 2%, rank 50 in
// about 20%.
func SearchMix() []SearchQuery {
	w := Vocabulary()
	q := func(text string) SearchQuery { return SearchQuery{Text: text} }
	in := func(text string, community int) SearchQuery {
		return SearchQuery{Text: text, Community: CommunitySlug(community)}
	}
	return []SearchQuery{
		q(w[5000]), q(w[6007]), // rare
		q(w[500]), q(w[707]), // mid
		q(w[50]), q(w[61]), // very common
		q(w[300] + " " + w[400]), q(w[50] + " " + w[900]), // two words
		q(w[120] + " " + w[800] + " " + w[2000]), // three words
		q(`"` + w[10] + " " + w[11] + `"`),       // a phrase
		q(w[700][:4] + "*"),                      // a prefix
		in(w[537], 2), in(w[50], 3),              // in one community
	}
}
