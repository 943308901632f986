package reader

import (
	"strings"
	"testing"
)

// A page's menu, then the article: its standfirst, a share bar, and its
// opening paragraph parted from the rest by a picture's placeholder, its
// caption and credit, and a print and a pin button.
const textOpeningPage = `Home
Gardening
Recipes
About
Contact

Growing tomatoes on a balcony

By Jane Roe, 4 May 2024

A small balcony can feed a family with tomatoes all summer, if the plants are chosen well.

Share

Tweet

Email

Even a north-facing balcony can grow tomatoes when the pots are deep enough.

[tomato-balcony]

tomato pots on a sunny balcony

Photo: Jane Roe

Print

Pin it
Start with seedlings rather than seeds in late spring, once the nights stay above ten degrees. Choose a compact cherry variety bred for pots, because the tall vines of beefsteak tomatoes will topple in the wind on a balcony.

Water the pots every morning in summer, and feed the tomatoes with a liquid fertiliser once a week after the first flowers open. Pinch out the side shoots so the plants put their strength into the fruit rather than the leaves.

Harvest the tomatoes as soon as they turn fully red. A single balcony plant can give several kilos of fruit over a summer, far more than a supermarket punnet would cost.

Related posts

Copyright 2024 Garden Notes
`

func TestTextOpeningOverPicture(t *testing.T) {
	a, err := FromText(textOpeningPage)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Even a north-facing balcony can grow tomatoes") {
		t.Errorf("opening paragraph lost:\n%s", a.Text)
	}
	if strings.Contains(a.Text, "Cherry tomatoes in terracotta pots") && !strings.Contains(a.Text, "Start with seedlings") {
		t.Errorf("caption kept without the article:\n%s", a.Text)
	}
}

// An English news page whose share bar is followed by another story's
// blurb, a picture and its credit: the blurb names other things than the
// article and stays out.
const textOpeningOtherStory = `News
World
Business
Sport

Council approves new budget after marathon session

By John Doe, 12 March 2024

Councillors voted late on Tuesday to approve a budget that raises parking fees and trims library hours.

Share

Tweet

Email

Police are searching for a hiker who failed to return from a walk in the fells on Sunday.

[hiker-search]

Rescue teams near Keswick

Photo: PA

Print

The budget passed by twenty-six votes to twenty-four after a nine-hour session in which opposition councillors tabled more than forty amendments, all of them rejected.

The finance chief said the increase in parking fees would raise about two million pounds a year, money the council plans to spend on repairing potholes and keeping care homes open.

Library campaigners, who packed the public gallery, said the cut in opening hours would hit children and older residents hardest, and vowed to challenge the decision.

Copyright 2024 The Daily Courier
`

func TestTextOpeningNotAnotherStory(t *testing.T) {
	a, err := FromText(textOpeningOtherStory)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "Police are searching for a hiker") {
		t.Errorf("another story's blurb taken as the opening:\n%s", a.Text)
	}
	if !strings.Contains(a.Text, "The budget passed by twenty-six votes") {
		t.Errorf("article lost:\n%s", a.Text)
	}
}
