#!/usr/bin/env python3
"""mutate_texts.py - texts that reach the filters' corner cases, from real ones.

    python3 tests/eval/mutate_texts.py GROUND_TRUTH_DIR OUT_PLAIN.jsonl OUT_MUTATED.jsonl

Writes the WCXB ground-truth main-content texts as they are, then each of
them three times with pieces inserted at random places (fixed seed): quote
characters, clitics and contraction words, abbreviations and initials,
ellipses, brackets, citation marks, the c4 phrases, Unicode whitespace and
line breaks; some get lines repeated, some a run of words repeated with a
space taken out (equal n-grams cut differently). Used by filter_compare.sh.
"""
import glob
import json
import os
import random
import sys

PIECES = ['"', "'", "''", '``', '.', '...', '..', '?', '!', ',', ':', ';', '(', ')', '[', ']',
          '{', '}', '<', '>', '--', '-', '\u2014', '\u2013', '\u201c', '\u201d', '\u2018',
          '\u2019', '\u00ab', '\u00bb', '\u00e9', '\u00df', '\u0130', '\u0131', '\u212a',
          '\u00a0', '\u3000', '\u2028', '\x85', '\t', '\r\n', '\n', '\n\n', ' ', "n't", "'s",
          "'ll", "can't", 'cannot', 'gonna', 'wanna', "'tis", 'Mr.', 'U.S.', 'e.g.', '3.14',
          '1,000', '10:30', '#', '@', '$', '%', '&', '*', '\u2026', '\u2022', '- ', '\u2022 ',
          '[1]', '[edit]', '[citation needed]', 'javascript', 'lorem ipsum', 'privacy policy',
          'uses cookies', '{"a": 1}', 'http://x.y/z?a=b&c=d', 'a.b.c', 'A. B. Smith', 'No. 5',
          'St. Louis', 'etc.', 'i.e.']


def main():
    src, plain_path, mut_path = sys.argv[1:4]
    docs = []
    for f in sorted(glob.glob(os.path.join(src, '*.json'))):
        with open(f, encoding='utf-8') as fh:
            gt = json.load(fh).get('ground_truth') or {}
        text = gt.get('main_content') if isinstance(gt, dict) else None
        if text:
            docs.append((os.path.basename(f), text))
    with open(plain_path, 'w', encoding='utf-8') as out:
        for name, text in docs:
            out.write(json.dumps({'id': name, 'text': text}) + '\n')
    rnd = random.Random(7)
    n = 0
    with open(mut_path, 'w', encoding='utf-8') as out:
        for _ in range(3):
            for _, text in docs:
                chars = list(text)
                for _ in range(max(1, len(chars) // rnd.choice([20, 50, 200, 1000]))):
                    chars.insert(rnd.randrange(len(chars) + 1), rnd.choice(PIECES))
                s = ''.join(chars)
                if rnd.random() < 0.3:
                    lines = s.split('\n')
                    for _ in range(rnd.randint(1, 5)):
                        lines.insert(rnd.randrange(len(lines) + 1), rnd.choice(lines))
                    s = '\n'.join(lines)
                if rnd.random() < 0.2:
                    words = s.split(' ')
                    if len(words) > 12:
                        i = rnd.randrange(len(words) - 10)
                        seg = ' '.join(words[i:i + rnd.randint(5, 10)])
                        s = s + ' ' + seg + ' ' + seg.replace(' ', '', 1)
                out.write(json.dumps({'id': 'mut%d' % n, 'text': s}) + '\n')
                n += 1


if __name__ == '__main__':
    main()
