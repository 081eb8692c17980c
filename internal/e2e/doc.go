// Package e2e holds Hearth's end-to-end tests: the real application, served
// in-process, driven through a real headless Chromium (chromedp, with
// /usr/bin/chromium) the way a newcomer uses it. The package has no code of
// its own; everything is in its tests.
//
// The tests skip when Chromium is absent, and fail instead when
// HEARTH_TEST_REQUIRE_ALL is set, as CI sets it.
package e2e
