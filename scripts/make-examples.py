#!/usr/bin/env python3
"""Writes examples/sample.jsonl.gz, the small corpus the README's setup command
runs winnow on. The texts are written for winnow; each carries damage of the
kind a web crawl is full of, so the run shows every stage at work."""
import gzip, json, os

RIVER = """Spring floods reach the lower valley

The river rose almost two metres overnight after three days of heavy rain in the hills. Farmers along the lower valley moved their animals to higher ground before dawn, and the council opened the school gym for families who had to leave their homes. By noon the water had covered the road between the two villages.

The water authority said the new levees held, and that the peak should pass the town by Thursday evening. Engineers will inspect the embankments once the level falls. Residents are asked to keep away from the banks, where the current is still strong and the ground is soft.



Volunteers filled sandbags at the fire station all morning. The mayor thanked them and said the town had learned a great deal since the flood of 2009, when the old walls failed within hours. Schools will reopen on Monday if the roads are clear.
"""

BAKERY = """How we bake our sourdough

Our starter is fed twice a day with rye and wheat flour, and it lives in a cool corner of the bakery. The dough is mixed in the late afternoon and rests for sixteen hours in a cold room, which gives the crumb its open texture and the crust its deep colour. We shape every loaf by hand early in the morning.

We bake at 250 degrees for the first twenty minutes with steam, then lower the heat and let the loaves finish slowly. A good loaf sounds hollow when you tap its base. We let the bread cool for at least an hour before we cut it, because the crumb keeps setting as it cools.

Share this article: Facebook | Twitter | Email | Print
"""

CAFE = """A caf\udce9 that became a library

When the old station caf\udce9 closed last year, the neighbours did not want to lose the only warm room on the street. They formed an association, rented the space from the railway company and filled the shelves with books that people brought from home. Today the room is open every afternoon, and anyone may borrow a book\u0007 without a card.

The association runs reading hours for children on Wednesdays and a language exchange on Friday evenings. Coffee is still served, but it is made by volunteers, and the price is whatever you want to give. The money pays for the heating and the rent. Last month the room welcomed more than eight hundred visitors.
"""

MINUTES = """casino siteleri yeni bahis siteleri deneme bonusu veren siteler
The committee met on Tuesday to discuss the new opening hours of the town library. Members agreed that the library will open at eight in the morning on weekdays, so that students can study before their classes. The longer hours will be paid for by closing one hour earlier on Saturdays, when few people visit.

The librarian presented the visitor figures for the last year. Loans of printed books fell slightly, while loans of audio books and the use of the study room grew. The committee asked for a plan to add more desks and power sockets by the end of the summer.

The change takes effect next month, after the staff rota has been updated. The next meeting will be held in the reading room on the first Tuesday of June.
slot gacor hari ini link slot gacor maxwin situs judi online terpercaya
"""

SOUP = """12.03.2024 Author: Maria Lindqvist

Tomato soup for a cold evening

This is the soup my grandmother made every autumn, when the last tomatoes of the garden had to be used before the first frost. It needs few ingredients, but it rewards patience: the onions must cook slowly, and the soup must simmer long enough for the flavours to meet. The table below lists what you need for four people.

Tomatoes 1 kg



Cook the onions slowly in butter until they are soft and golden, which takes about twenty minutes. Add the garlic, then the tomatoes and a pinch of salt, and let everything simmer for half an hour. Blend the soup until it is smooth, season it with pepper and a little sugar if the tomatoes are sharp, and serve it hot with fresh bread.
"""

HIKE = """What to pack for a day in the mountains

A day hike does not need much equipment, but the few things you carry matter. Weather in the mountains changes quickly, and a sunny morning can turn into a cold and wet afternoon. These are the things we never leave behind.

- water, at least two litres for each person
- a paper map and a compass, even if you carry a phone
- a warm layer and a rain jacket
- food for the whole day and something extra

Tell someone where you are going and when you expect to be back. Start early, turn back when the weather gets worse, and remember that the way down is often harder on the knees than the climb.
"""

GERMAN = """Buslinie 12 f\u00e4hrt bald bis zum neuen Wohngebiet

Der Stadtrat hat am Montag beschlossen, die Buslinie 12 bis zum neuen Wohngebiet am S\u00fcdhang zu verl\u00e4ngern. Die Anwohner hatten seit Jahren eine bessere Anbindung an die Innenstadt gefordert. Bisher mussten sie fast zwanzig Minuten bis zur n\u00e4chsten Haltestelle laufen.

Die ersten Busse sollen im Herbst fahren, zun\u00e4chst im Zwanzig-Minuten-Takt. Am Wochenende wird die Linie st\u00fcndlich bedient. Die Kosten teilen sich die Stadt und der Verkehrsverbund. Der B\u00fcrgermeister sprach von einem wichtigen Schritt f\u00fcr den Stadtteil.
"""

SHORT = "Click here to read more."

DOCS = [
    ("river-report", RIVER, {"url": "https://example.org/news/river-floods", "crawl_date": "2025-04-02"}),
    ("bakery", BAKERY, {"url": "https://example.org/bakery/sourdough"}),
    ("station-cafe", CAFE, {"url": "https://example.org/local/station-cafe"}),
    ("library-minutes", MINUTES, {"url": "https://example.org/council/minutes-may"}),
    ("tomato-soup", SOUP, {"url": "https://example.org/recipes/tomato-soup"}),
    ("day-hike", HIKE, {"url": "https://example.org/outdoors/day-hike", "tags": ["outdoors", "checklist"]}),
    ("buslinie-12", GERMAN, {"url": "https://example.de/verkehr/buslinie-12"}),
    ("teaser", SHORT, {"url": "https://example.org/teaser"}),
]

def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    path = os.path.join(root, "examples", "sample.jsonl.gz")
    # mtime=0: the same bytes every time
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        for id_, text, meta in DOCS:
            line = json.dumps({"id": id_, **meta, "text": text}, ensure_ascii=False)
            gz.write(line.encode("utf-8", "surrogateescape") + b"\n")

if __name__ == "__main__":
    main()
