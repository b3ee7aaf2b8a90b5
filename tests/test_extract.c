/*
 * test_extract.c - the extract stage on small hand-written pages: main
 * content kept and boilerplate dropped with evidence, tables as pipe tables
 * (and as "a | b" lines in text mode), charsets, metadata, pass-through of
 * text documents, limits on hostile nesting, listings whose cards are the
 * content, repeated lines, captions, hidden classes and the <main> landmark.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/stage.h"
#include "extract/extract_int.h"
#include "harness.h"

extern const wn_stage_def wn_stage_extract;

static void *state;
static wn_arena *arena;

/* Run the stage on html (kind HTML) with optional metadata; returns the doc. */
static wn_doc *run(const char *html, size_t n, const char *http_ct)
{
    wn_arena_reset(arena);
    wn_doc *d = wn_doc_new(arena);
    wn_doc_set_text(d, html, n);
    d->kind = WN_INPUT_HTML;
    if (http_ct)
        wn_doc_meta_str(d, "http_content_type", http_ct, strlen(http_ct));
    CHECK_EQ_INT(wn_stage_extract.run(state, d), WN_OK);
    return d;
}

static const char *meta(wn_doc *d, const char *key)
{
    for (size_t i = 0; i < d->meta.n; i++)
        if (!strcmp(d->meta.v[i].key, key))
            return d->meta.v[i].json;
    return NULL;
}

static const char *section(wn_doc *d, const char *key)
{
    for (size_t i = 0; i < d->sections.n; i++)
        if (!strcmp(d->sections.v[i].key, key))
            return d->sections.v[i].json;
    return NULL;
}

static const char *article_page =
    "<!doctype html><html lang=\"en\"><head><title>Site | A Story</title>"
    "<meta property=\"og:title\" content=\"A Story\"><meta name=\"author\" content=\"Jo Writer\">"
    "<meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\">"
    "<link rel=\"canonical\" href=\"https://example.com/story\"></head><body>"
    "<header><nav><a href=/>Home</a> <a href=/about>About us</a></nav></header>"
    "<div class=\"cookie-banner\">We use cookies to improve your experience. Accept all cookies now.</div>"
    "<main><article><h1>A Story</h1>"
    "<p>The first paragraph of the story tells the reader what happened, in plain words and at length.</p>"
    "<p>The second paragraph adds detail, because one paragraph is rarely the whole story of anything.</p>"
    "<ul><li>first point of the list</li><li>second point of the list</li></ul>"
    "<pre><code>int main(void) { return 0; }</code></pre>"
    "<div class=\"share-buttons\"><a href=#>Share on Facebook</a></div>"
    "</article></main>"
    "<aside class=\"sidebar\"><h3>Popular</h3><a href=/x>Another story</a></aside>"
    "<footer>Copyright 2024 Example Inc. All rights reserved.</footer></body></html>";

TEST(article_main_content)
{
    wn_doc *d = run(article_page, strlen(article_page), NULL);
    CHECK(d->kind == WN_INPUT_TEXT);
    CHECK(strstr(d->text, "The first paragraph of the story") != NULL);
    CHECK(strstr(d->text, "The second paragraph adds detail") != NULL);
    CHECK(strstr(d->text, "- first point of the list") != NULL);
    CHECK(strstr(d->text, "```\nint main(void) { return 0; }\n```") != NULL);
    CHECK(strstr(d->text, "# A Story") != NULL);
    CHECK(strstr(d->text, "About us") == NULL);
    CHECK(strstr(d->text, "cookies") == NULL);
    CHECK(strstr(d->text, "Share on Facebook") == NULL);
    CHECK(strstr(d->text, "Another story") == NULL);
    CHECK(strstr(d->text, "Copyright") == NULL);
    const char *ev = section(d, "extract");
    CHECK(ev && strstr(ev, "\"header\"") && strstr(ev, "\"footer\"") && strstr(ev, "\"consent\"") &&
          strstr(ev, "\"share\""));
    CHECK(ev && strstr(ev, "\"main\":{\"element\":"));
}

TEST(metadata)
{
    wn_doc *d = run(article_page, strlen(article_page), NULL);
    CHECK_EQ_STR(meta(d, "title"), "\"A Story\"");
    CHECK_EQ_STR(meta(d, "author"), "\"Jo Writer\"");
    CHECK_EQ_STR(meta(d, "date"), "\"2024-03-05T10:00:00Z\"");
    CHECK_EQ_STR(meta(d, "canonical_url"), "\"https://example.com/story\"");
    CHECK_EQ_STR(meta(d, "lang"), "\"en\"");
    const char *ld = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                     "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"}],\"datePublished\":\"2023-12-01\"}"
                     "</script></head><body><p>Body text that is long enough to be the content of the page.</p>"
                     "<p>Posted on <time datetime=\"2020-01-01\">Jan 1</time></p></body></html>";
    d = run(ld, strlen(ld), NULL);
    CHECK_EQ_STR(meta(d, "author"), "\"Ann Lee\"");
    CHECK_EQ_STR(meta(d, "date"), "\"2023-12-01\"");
}

TEST(date_formats)
{
    char out[40];
    CHECK(!wn_date_iso("September 4, 2025", out, sizeof out) && !strcmp(out, "2025-09-04"));
    CHECK(!wn_date_iso("4 Sep 2025", out, sizeof out) && !strcmp(out, "2025-09-04"));
    CHECK(!wn_date_iso("2025/09/04", out, sizeof out) && !strcmp(out, "2025-09-04"));
    CHECK(wn_date_iso("yesterday", out, sizeof out) != 0);
}

static const char *table_page =
    "<html><body><div id=content><p>Prices of fruit this week, as reported by the market office.</p>"
    "<table><thead><tr><th>Fruit</th><th>Price</th></tr></thead>"
    "<tbody><tr><td>Apple</td><td>1.20</td></tr><tr><td>Pear | Nashi</td><td>2.10</td></tr></tbody></table>"
    "<table role=presentation><tr><td><p>Layout cell with a sentence in it.</p></td></tr></table>"
    "</div></body></html>";

TEST(tables_markdown)
{
    wn_doc *d = run(table_page, strlen(table_page), NULL);
    CHECK(strstr(d->text, "| Fruit | Price |\n| --- | --- |\n| Apple | 1.20 |\n| Pear \\| Nashi | 2.10 |") != NULL);
    CHECK(strstr(d->text, "Layout cell with a sentence in it.") != NULL);
    CHECK(strstr(d->text, "| Layout") == NULL);
}

TEST(tables_text)
{
    char err[128];
    void *st = wn_stage_extract.create(err, sizeof err);
    CHECK_EQ_INT(wn_stage_extract.set(st, "format", "text", err, sizeof err), 0);
    CHECK_EQ_INT(wn_stage_extract.set(st, "format", "bogus", err, sizeof err), -2);
    CHECK_EQ_INT(wn_stage_extract.set(st, "nope", "1", err, sizeof err), -1);
    void *saved = state;
    state = st;
    wn_doc *d = run(table_page, strlen(table_page), NULL);
    CHECK(strstr(d->text, "Fruit | Price\nApple | 1.20\n") != NULL);
    state = saved;
    wn_stage_extract.destroy(st);
}

TEST(charsets)
{
    /* windows-1252 bytes declared in a meta tag */
    const char *cp = "<html><head><meta charset=\"windows-1252\"></head><body>"
                     "<p>Caf\xe9 cr\xe8me br\xfbl\xe9" "e \x93quoted\x94 and a long enough sentence.</p></body></html>";
    wn_doc *d = run(cp, strlen(cp), NULL);
    CHECK(strstr(d->text, "Café crème brûlée “quoted”") != NULL);
    /* the HTTP header wins over the meta tag */
    const char *l1 = "<html><head><meta charset=\"utf-8\"></head><body><p>na\xefve text here</p></body></html>";
    d = run(l1, strlen(l1), "text/html; charset=ISO-8859-1");
    CHECK(strstr(d->text, "naïve") != NULL);
    const char *ev = section(d, "extract");
    CHECK(ev && strstr(ev, "\"source\":\"http\""));
    /* a label that lies: valid UTF-8 stays UTF-8 */
    const char *lie = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>déjà vu, already seen</p></body></html>";
    d = run(lie, strlen(lie), NULL);
    CHECK(strstr(d->text, "déjà vu") != NULL);
    /* a BOM */
    const char *bom = "\xEF\xBB\xBF<html><body><p>bom page with words</p></body></html>";
    d = run(bom, strlen(bom), NULL);
    CHECK(strstr(d->text, "bom page") != NULL);
}

TEST(text_passes_through)
{
    wn_arena_reset(arena);
    wn_doc *d = wn_doc_new(arena);
    wn_doc_set_text(d, "<p>not html, a text document</p>", 33);
    d->kind = WN_INPUT_TEXT;
    CHECK_EQ_INT(wn_stage_extract.run(state, d), WN_OK);
    CHECK_EQ_STR(d->text, "<p>not html, a text document</p>");
    CHECK(section(d, "extract") == NULL);
}

TEST(hostile_nesting)
{
    size_t depth = 20000;
    char *h = malloc(depth * 10 + 200);
    size_t n = 0;
    n += (size_t)sprintf(h + n, "<html><body>");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(h + n, "<div><b>");
    n += (size_t)sprintf(h + n, "deep text");
    wn_doc *d = run(h, n, NULL);
    CHECK(d != NULL);
    free(h);
    /* empty and garbage input: dropped as no_content, never a crash */
    d = run("", 0, NULL);
    CHECK(!d->kept);
    d = run("\x01\x02\xff\xfe garbage", 12, NULL);
    CHECK(d->kind == WN_INPUT_TEXT);
}

TEST(forum_comments_are_content)
{
    /* every post sits in a "comment" box: the second round keeps them */
    char page[8192];
    size_t n = (size_t)snprintf(page, sizeof page, "<html><body><nav><a href=/>Forum home</a></nav><div id=thread>");
    for (int i = 0; i < 6; i++)
        n += (size_t)snprintf(page + n, sizeof page - n,
                              "<div class=\"comment\"><p>Post number %d says something useful about the "
                              "question, with enough words to count as prose.</p></div>",
                              i);
    snprintf(page + n, sizeof page - n, "</div></body></html>");
    wn_doc *d = run(page, strlen(page), NULL);
    CHECK(strstr(d->text, "Post number 0 says") && strstr(d->text, "Post number 5 says"));
}

TEST(listing_cards_are_content)
{
    /* no prose anywhere: the cards' long title links are the content, the
     * menu's short links are not */
    char page[8192];
    size_t n = (size_t)snprintf(page, sizeof page,
                                "<html><body><div class=top><ul>"
                                "<li><a href=/a>Home</a></li><li><a href=/b>News</a></li><li><a href=/c>Sport</a></li>"
                                "<li><a href=/d>Weather</a></li><li><a href=/e>Culture and arts</a></li>"
                                "<li><a href=/f>Travel</a></li><li><a href=/g>Contact us</a></li>"
                                "<li><a href=/h>About</a></li><li><a href=/i>Careers</a></li></ul></div>"
                                "<div class=grid>");
    for (int i = 0; i < 5; i++)
        n += (size_t)snprintf(page + n, sizeof page - n,
                              "<div class=card><a href=/s%d>Story %d: the council votes on a new plan for the old "
                              "harbour</a></div>",
                              i, i);
    snprintf(page + n, sizeof page - n, "</div></body></html>");
    wn_doc *d = run(page, strlen(page), NULL);
    CHECK(strstr(d->text, "Story 0: the council votes") && strstr(d->text, "Story 4: the council votes"));
    CHECK(strstr(d->text, "Culture and arts") == NULL);
}

TEST(repeats_captions_hidden)
{
    const char *page =
        "<html><body><main>"
        "<p>A notice that the page shows twice, once for small screens and once for large ones.</p>"
        "<figure><img src=a.jpg><figcaption>Photo: A. Person for the agency</figcaption></figure>"
        "<p>The body of the page says what it has to say in a paragraph of real sentences here.</p>"
        "<p class=hidden>Text only a script would ever show to the reader of this page.</p>"
        "<p class=\"hidden md:block\">Text shown on medium and large screens to every reader.</p>"
        "<pre>same line of code here\nsame line of code here</pre>"
        "<figure><a href=/x><img src=b.jpg></a><figcaption><a href=/x>A card title in a figure "
        "caption</a></figcaption></figure>"
        "<p>A notice that the page shows twice, once for small screens and once for large ones.</p>"
        "</main></body></html>";
    wn_doc *d = run(page, strlen(page), NULL);
    const char *t = d->text, *first = strstr(t, "A notice that the page");
    CHECK(first && !strstr(first + 1, "A notice that the page"));
    CHECK(strstr(t, "Photo: A. Person") == NULL);
    CHECK(strstr(t, "A card title in a figure caption") != NULL);
    CHECK(strstr(t, "only a script") == NULL);
    CHECK(strstr(t, "medium and large screens") != NULL);
    CHECK(strstr(t, "same line of code here\nsame line of code here") != NULL);
    const char *ev = section(d, "extract");
    CHECK(ev && strstr(ev, "\"repeats\":{\"lines\":1,"));
}

TEST(main_landmark)
{
    /* the page's <main> bounds the content even when popovers and a long
     * unmarked block outside it hold most of the text */
    char page[8192];
    size_t n = (size_t)snprintf(page, sizeof page, "<html><body><div class=popover>");
    for (int i = 0; i < 12; i++)
        n += (size_t)snprintf(page + n, sizeof page - n, "<div>Install step %d: tap the button</div>", i);
    n += (size_t)snprintf(page + n, sizeof page - n,
                          "</div><main><h1>The topic</h1><p>The question, asked at length in a paragraph "
                          "with enough words to be prose.</p><p>The answer, also in a paragraph with enough "
                          "words to be prose, and a few more.</p></main></body></html>");
    wn_doc *d = run(page, n, NULL);
    CHECK(strstr(d->text, "The answer, also") && strstr(d->text, "# The topic"));
    CHECK(strstr(d->text, "Install step") == NULL);
    /* text the parser left straight inside a list is not content */
    const char *soup = "<html><body><nav><ul> attr=\"x\" soup=\"y\" more attribute soup that the parser could "
                       "not read as attributes and left as text in the list element, long enough to win "
                       "</ul></nav><div><p>The real paragraph of the page, with enough words to count as "
                       "prose.</p></div></body></html>";
    d = run(soup, strlen(soup), NULL);
    CHECK(strstr(d->text, "The real paragraph of the page") != NULL);
}

int main(void)
{
    char err[128];
    state = wn_stage_extract.create(err, sizeof err);
    arena = wn_arena_create(64u << 20);
    RUN(article_main_content);
    RUN(metadata);
    RUN(date_formats);
    RUN(tables_markdown);
    RUN(tables_text);
    RUN(charsets);
    RUN(text_passes_through);
    RUN(hostile_nesting);
    RUN(forum_comments_are_content);
    RUN(listing_cards_are_content);
    RUN(repeats_captions_hidden);
    RUN(main_landmark);
    wn_arena_free(arena);
    wn_stage_extract.destroy(state);
    return harness_done();
}
