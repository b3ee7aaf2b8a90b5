#!/usr/bin/env python3
"""clean_inject.py - recall and precision of the clean stage, per class, at
the character level, on clean text with injected noise.

Takes the WCXB main_content texts (clean article text), injects noise of
every class at random places (spam lines in 17 languages at the edges and in
the middle, alone and in blocks; junk glued to words or standing between
them; chrome lines and navigation rows; bylines in several formats and
languages; announced tables whose rows got lost; mojibake), runs
`winnow clean`, maps each removed span back to the injected document, and
compares by character:

    precision(c) = chars removed as c that were injected as c / chars removed as c
    recall(c)    = chars injected as c that were removed as c / chars injected as c

blank_run is not scored (it changes no content). The noise banks below were
written for this test, independently of data/clean/ TSV lists; they share
the vocabulary any spam or chrome in those languages uses.

    python3 tests/eval/clean_inject.py [--docs 400] [--seed 1] [--min-p 0.95 --min-r 0.9]

Exit status 1 when a class misses --min-p or --min-r.
"""
import argparse
import collections
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clean_fp  # noqa: E402  (shared corpus loading, running and span replay)
import noise_fresh  # noqa: E402  (the fresh bank, halves A and B)
import noise_e  # noqa: E402  (bank e, halves e-a and e-b)

SPAM = [
    "Best online casino 2024 - free spins and no deposit bonus codes",
    "buy cheap viagra online without prescription fast shipping",
    "payday loans online same day approval bad credit ok",
    "replica rolex watches cheap sale outlet store",
    "top betting sites uk sportsbook welcome bonus jackpot",
    "cheap nfl jerseys wholesale free shipping",
    "canlı bahis siteleri güvenilir bahis siteleri 2024",
    "deneme bonusu veren siteler casino siteleri",
    "kaçak bahis siteleri yeni giriş adresi",
    "slot gacor hari ini gampang maxwin",
    "situs judi online terpercaya daftar sekarang",
    "link alternatif sbobet terbaru bandar judi bola",
    "nhà cái uy tín cá cược bóng đá trực tuyến",
    "tải game bài đổi thưởng nổ hũ uy tín",
    "แทงบอลออนไลน์ เว็บตรง สล็อตแตกง่าย เครดิตฟรี",
    "บาคาร่าออนไลน์ คาสิโนสด ฝากถอนไม่มีขั้นต่ำ",
    "澳门百家乐 网上赌场 真人娱乐城 注册送彩金",
    "六合彩开奖结果 时时彩 博彩网站 开户",
    "オンラインカジノ 入金不要ボーナス 比較ランキング",
    "パチンコ スロット 攻略 カジノ 無料",
    "토토사이트 추천 먹튀검증 안전놀이터",
    "온라인카지노 바카라 사이트 가입머니",
    "онлайн казино с бонусом за регистрацию без депозита",
    "ставки на спорт букмекерская контора лучшие коэффициенты",
    "займы онлайн на карту без отказа микрозайм",
    "cassino online com bônus de boas-vindas e rodadas grátis",
    "melhores casas de apostas esportivas do Brasil",
    "casino online con giros gratis y bono sin depósito",
    "apuestas deportivas en vivo casas de apuestas mejores cuotas",
    "Online Casino ohne Einzahlung Bonus Freispiele 2024",
    "Sportwetten Wettanbieter Vergleich Bonus",
    "casino en ligne bonus sans dépôt tours gratuits",
    "paris sportifs meilleur site casino en ligne",
    "kasyno online bonus bez depozytu darmowe spiny",
    "zakłady bukmacherskie online legalny bukmacher",
    "casinò online AAMS bonus senza deposito giri gratis",
    "scommesse sportive online casinò quote migliori",
    "كازينو اون لاين موثوق مراهنات رياضية",
    "افضل مواقع القمار والمراهنات كازينو",
    "ऑनलाइन कैसीनो सट्टा मटका रिजल्ट आज",
    "सट्टा किंग लाइव रिजल्ट मटका",
]

# Held out: written after the lexicons were last changed, in other words,
# and never used to tune them. Run with --bank heldout.
SPAM_HELDOUT = [
    "Top 10 real money slots sites - claim your 200% match bonus today",
    "order tramadol overnight delivery no rx needed",
    "quick cash loans approved in minutes no credit check",
    "sexy local girls want to meet you tonight free registration",
    "authentic louis vuitton handbags 70% off clearance sale",
    "roulette strategy win every time at the online casino",
    "en iyi canlı casino siteleri ve bahis bonusları",
    "bahis oyna kazan yüksek oranlar iddaa tahminleri",
    "daftar akun slot online deposit dana tanpa potongan",
    "prediksi togel hari ini angka jitu keluar",
    "đăng ký nhà cái nhận khuyến mãi cá cược thể thao",
    "สมัครสล็อต เว็บพนันออนไลน์ ถอนได้จริง",
    "最新博彩平台 百家乐技巧 赌场优惠",
    "本格オンラインカジノで遊ぶ スロット ボーナス",
    "메이저 토토사이트 스포츠토토 배당",
    "лучшие казино онлайн на реальные деньги рулетка",
    "apostas online ganhe dinheiro no cassino agora",
    "mejores casinos online de España tragamonedas gratis",
    "Casino Bonus sichern und Freispiele ohne Einzahlung erhalten",
    "jouer au casino en ligne argent réel machines à sous",
    "najlepsze kasyno internetowe z bonusem bez depozytu",
    "migliori siti di scommesse e casinò online con bonus",
    "أفضل كازينو على الإنترنت ربح المال",
    "सट्टा मटका कल्याण चार्ट लाइव",
]

CHROME_HELDOUT = [
    "Share this story", "Email this article", "Print article", "Download the report (PDF)",
    "Subscribe now", "Sign in to comment", "Add a comment", "Show comments",
    "Main menu | Search | Login", "News • Sport • Weather • Culture", "Home / Articles / Travel",
    "Our website uses cookies to give you the best experience. Accept cookies",
    "© 2021 The Daily Example. All Rights Reserved.", "345 shares", "Facebook Twitter LinkedIn Email",
    "Jetzt teilen", "Partager sur Facebook", "Compartir en WhatsApp", "Abonnez-vous à notre newsletter",
    "Udostępnij", "Поделиться", "Bagikan artikel ini", "Chia sẻ bài viết",
]

# Blind: written last, measured once before any change it could inspire.
SPAM_BLIND = [
    "Lucky spin casino: 500 free spins, instant withdrawal, play now",
    "cheap cialis 20mg online pharmacy discount pills",
    "Get a personal loan today - bad credit accepted, money in 1 hour",
    "adult chat rooms free webcam sex live",
    "fake designer bags replica gucci wholesale",
    "best bookmaker odds football betting tips daily",
    "yeni giriş adresi bahis sitesi bonus kampanyaları",
    "casino siteleri listesi güvenilir slot siteleri",
    "bandar togel online resmi pasaran terlengkap",
    "rtp slot live tertinggi hari ini pola gacor",
    "link vào nhà cái mới nhất tặng tiền cược",
    "เว็บสล็อตแตกง่าย 2024 ฝากถอนออโต้",
    "在线赌场 老虎机游戏 真钱娱乐 百家乐平台",
    "ライブカジノ 出金が早い オンラインカジノおすすめ",
    "바카라사이트 카지노사이트 추천 먹튀없는",
    "казино вулкан играть онлайн бесплатно слоты",
    "букмекерские конторы с бонусом ставки онлайн",
    "roleta online cassino ao vivo bônus sem depósito",
    "las mejores apuestas online casino con bono de bienvenida",
    "Online Spielothek mit Echtgeld Casino Bonus",
    "meilleur casino en ligne France bonus de bienvenue",
    "polskie kasyno online z szybkimi wypłatami",
    "slot machine gratis e casinò online con bonus",
    "مراهنات كرة القدم اون لاين كازينو عربي",
    "ऑनलाइन सट्टा ऐप कैसीनो गेम जीतें",
]

CHROME_BLIND = [
    "Share", "Print", "Tweet this", "Pin it", "Copy link", "Save article", "Listen to this article",
    "Sign up for free", "Log in to continue", "Subscribe to read more", "Related stories",
    "More from this author", "Comments (3)", "Post comment", "Report this ad",
    "Home › Blog › Recipes", "About | Careers | Press | Privacy | Terms",
    "By using this site, you accept our use of cookies.", "Cookie preferences",
    "© Copyright 2020 Foo Bar Ltd", "All rights reserved.", "Newsletter abonnieren",
    "Zum Newsletter anmelden", "Suivez-nous sur Instagram", "Síguenos en Twitter",
    "Siga-nos no Facebook", "Подписаться на рассылку", "Obserwuj nas", "Bizi takip edin",
    "Ikuti kami", "Theo dõi chúng tôi", "フォローする", "팔로우",
]

CHROME = [
    "Share this article", "Share on Facebook", "Print this page", "Download PDF",
    "Subscribe to our newsletter", "Read more", "Continue reading", "Leave a comment",
    "Leave a Reply", "Your email address will not be published. Required fields are marked *",
    "Home | About | Blog | Contact", "Home » News » World", "Tweet Share Pin Email",
    "We use cookies to improve your experience on our site. By continuing to use this site you agree to the use of cookies.",
    "This website uses cookies. Accept all cookies", "© 2023 Acme Media Group. All rights reserved.",
    "Copyright © 2019 Example Inc.", "12 Comments", "Follow us on Twitter", "Related posts",
    "Skip to content", "Back to top", "Sign up for our newsletter", "Previous post",
    "Weiterlesen", "Alle Rechte vorbehalten", "Lire la suite", "Tous droits réservés",
    "Leer más", "Compartir | Imprimir | Descargar", "Leia mais", "Baca juga", "Читать далее",
    "Все права защищены", "Czytaj więcej", "Devamını oku", "Xem thêm", "続きを読む", "더보기",
    "Please select a format to download:", "Click here to subscribe",
]

NAMES = ["Jane Roe", "Konstantin Ivanov", "Maria Fernández", "Tom O'Neill", "Anna Schmidt",
         "Li Wei", "Ahmet Yılmaz", "Pierre Dubois", "Sarah Johnson", "Marco Rossi"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
             "Oktober", "November", "Dezember"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]


def byline(rng):
    n = rng.choice(NAMES)
    y, m, d = rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28)
    iso = "%04d-%02d-%02d" % (y, m, d)
    if BANK["heldout"] == "fresh":
        return rng.choice(BANK["bylines"])(rng, rng.choice(noise_fresh.NAMES), y, m, d)
    if BANK["heldout"] == "blind":
        forms = [
            ("Posted by %s on %02d/%02d/%d" % (n, m, d, y), n, iso),
            ("Written by: %s" % n, n, None),
            ("Veröffentlicht am %02d.%02d.%d von %s" % (d, m, y, n), n, iso),
            ("Yazar: %s | %d %s %d" % (n, d, ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
                                               "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"][m - 1], y), n, iso),
            ("Oleh: %s - %d %s %d" % (n, d, ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                                              "Agustus", "September", "Oktober", "November", "Desember"][m - 1], y), n, iso),
            ("Опубликовано: %d %s %d" % (d, ["января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                                              "августа", "сентября", "октября", "ноября", "декабря"][m - 1], y), None, iso),
            ("%d年%d月%d日" % (y, m, d), None, iso),
            ("%s · %s %d, %d · 5 min read" % (n, MONTHS_EN[m - 1][:3], d, y), n, iso),
        ]
        return rng.choice(forms)
    if BANK["heldout"]:
        forms = [
            ("Author: %s" % n, n, None),
            ("by %s, %s %d %d" % (n, MONTHS_EN[m - 1][:3], d, y), n, iso),
            ("%s %d, %d | %s" % (MONTHS_EN[m - 1], d, y, n.upper()), None, iso),
            ("Updated: %d/%d/%d" % (m, d, y), None, iso),
            ("Por %s - %d de %s de %d" % (n, d, ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                                                  "agosto", "septiembre", "octubre", "noviembre", "diciembre"][m - 1], y), n, iso),
            ("Автор: %s" % n, n, None),
            ("%d-%02d-%02d 10:15" % (y, m, d), None, iso),
        ]
        return rng.choice(forms)
    forms = [
        ("By %s | %s %d, %d" % (n, MONTHS_EN[m - 1], d, y), n, iso),
        ("%02d.%02d.%d Author: %s" % (d, m, y, n), n, iso),
        ("Posted on %s by %s" % (iso, n), n, iso),
        ("By %s" % n, n, None),
        ("%s %d, %d" % (MONTHS_EN[m - 1], d, y), None, iso),
        ("Published %d %s %d" % (d, MONTHS_EN[m - 1], y), None, iso),
        ("Von %s, %d. %s %d" % (n, d, MONTHS_DE[m - 1], y), n, iso),
        ("Publié le %d %s %d par %s" % (d, MONTHS_FR[m - 1], y, n), n, iso),
        ("Written by %s - Updated %s" % (n, iso), n, iso),
    ]
    return rng.choice(forms)


def junk_token(rng):
    k = rng.randrange(4)
    if k == 0:
        return "".join(rng.choice("0123456789") for _ in range(rng.randint(8, 16))), "glued"
    if k == 1:
        rows = ["asdfghjkl", "qwertyuiop", "zxcvbnm", "sdfghjk", "jkjkjkjkjk", "hjkhjkhjk"]
        return rng.choice(rows), "token"
    if k == 2:
        return "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice([32, 40, 64]))), "token"
    alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alpha) for _ in range(rng.randint(32, 48))) + "==", "token"


ROWS = ["Prior to 1990 3", "2015 1,277", "Group A 12 15 18", "Total 4,512", "Q1 2021 3.4%",
        "1 Chicago 2.7", "Under 18 14%"]
ANNOUNCE = ["The table below summarizes the figures for each year.",
            "The following table shows the results by group:",
            "See the chart below for the full breakdown.",
            "As shown in the table below, the numbers vary widely."]


BANK = {"spam": SPAM, "chrome": CHROME, "heldout": False}


def mojibake(s):
    """UTF-8 read as Windows-1252, its five holes read as Latin-1 (C1
    controls), as most decoders that guess wrong do."""
    out = []
    for b in s.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def inject(text, rng):
    """Returns segments [(text, label)], label None for original text."""
    paras = [p for p in text.split("\n")]
    segs = []
    kinds = rng.sample(["spam", "junk", "boilerplate", "byline", "lost", "mojibake"], rng.randint(2, 4))
    head, tail, mid = [], [], {}
    meta = {}
    if "byline" in kinds:
        line, a, iso = byline(rng)
        head.append((line + "\n", "byline"))
        meta = {"author": a, "date": iso}
    if "spam" in kinds:
        where = rng.choice(["first", "last", "both", "middle", "block"])
        line = lambda: rng.choice(BANK["spam"]) + "\n"  # noqa: E731
        if where in ("first", "both"):
            head.insert(0, (line(), "spam_injection"))
        if where in ("last", "both"):
            tail.append((line(), "spam_injection"))
        if where in ("middle", "block"):
            at = rng.randrange(len(paras))
            mid.setdefault(at, []).extend(
                [(line(), "spam_injection") for _ in range(1 if where == "middle" else rng.randint(2, 3))])
    if "boilerplate" in kinds:
        where = rng.choice(["first", "last", "middle"])
        seg = (rng.choice(BANK["chrome"]) + "\n", "boilerplate")
        if where == "first":
            head.append(seg)
        elif where == "last":
            tail.insert(0, seg)
        else:
            mid.setdefault(rng.randrange(len(paras)), []).append(seg)
    lost_at = None
    if "lost" in kinds:
        lost_at = rng.randrange(len(paras))
    junk_at = rng.randrange(len(paras)) if "junk" in kinds else None
    moji_at = rng.randrange(len(paras)) if "mojibake" in kinds else None

    segs.extend(head)
    for i, p in enumerate(paras):
        for seg in mid.get(i, []):
            segs.append(seg)
        nl = "\n" if i < len(paras) - 1 else ""
        if i == junk_at and len(p.split(" ")) > 3:
            words = p.split(" ")
            tok, how = junk_token(rng)
            alpha = [k for k in range(1, len(words) - 1) if words[k][:1].isalpha()]
            w = rng.choice(alpha) if how == "glued" and alpha else rng.randrange(1, len(words) - 1)
            segs.append((" ".join(words[:w]) + " ", None))
            if how == "glued" and words[w][:1].isalpha():
                segs.append((tok, "junk_span"))
                segs.append((" ".join(words[w:]) + nl, None))
            else:
                segs.append((tok + " ", "junk_span"))
                segs.append((" ".join(words[w:]) + nl, None))
            continue
        if i == moji_at and p.strip():
            if not any(ord(ch) > 127 for ch in p):
                p = p.replace("'", "\u2019").replace(" - ", " \u2014 ")
                if not any(ord(ch) > 127 for ch in p):
                    p = p.replace(" ", " \u201c", 1) + "\u201d"
            # garble the non-ASCII characters only, as a wrong decode does
            for ch in p:
                if ord(ch) > 127:
                    g = mojibake(ch)
                    segs.append((g, "mojibake" if g != ch else None))
                else:
                    segs.append((ch, None))
            segs.append((nl, None))
            continue
        segs.append((p + nl, None))
        if i == lost_at and p.strip():
            segs.append(("\n" + rng.choice(ANNOUNCE) + "\n\n", None))
            for _ in range(rng.randint(1, 2)):
                segs.append((rng.choice(ROWS) + "\n", "lost_content"))
            segs.append(("\n" * rng.randint(5, 40), None))
    if tail:
        if segs and not segs[-1][0].endswith("\n"):
            segs.append(("\n", None))
        segs.extend(tail)
    return segs, meta


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--winnow", default=os.path.join(clean_fp.ROOT, "winnow"))
    ap.add_argument("--corpus", default=os.path.join(clean_fp.ROOT, "..", "shared", "corpus", "wcxb-dev"))
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-p", type=float, default=0.95)
    ap.add_argument("--min-r", type=float, default=0.9)
    ap.add_argument("--show", type=int, default=0, help="print up to N misses per class")
    ap.add_argument("--bank", choices=["dev", "heldout", "blind", "fresh", "fresh-a", "fresh-b", "fresh-c", "fresh-d",
                                       "e", "e-a", "e-b"], default="dev",
                    help="noise written alongside the lexicons, held out from them, blind, or "
                    "the fresh bank of tests/eval/noise_fresh.py (whole, tuning half A, held-out half B, "
                    "last checks parts C and D), or bank e of tests/eval/noise_e.py (whole, "
                    "tuning half e-a, held-out half e-b)")
    args = ap.parse_args()
    if args.bank == "e" or args.bank.startswith("e-"):
        spam, chrome, forms = noise_e.bank(args.bank[2:] or "all")
        BANK.update(spam=spam, chrome=chrome, bylines=forms, heldout="fresh")
    elif args.bank.startswith("fresh"):
        spam, chrome, forms = noise_fresh.bank(args.bank[6:] or "all")
        BANK.update(spam=spam, chrome=chrome, bylines=forms, heldout="fresh")
    else:
        spam = {"dev": SPAM, "heldout": SPAM_HELDOUT, "blind": SPAM_BLIND}[args.bank]
        chrome = {"dev": CHROME, "heldout": CHROME_HELDOUT, "blind": CHROME_BLIND}[args.bank]
        BANK.update(spam=spam, chrome=chrome, heldout={"dev": False, "heldout": True, "blind": "blind"}[args.bank])
    rng = random.Random(args.seed)
    docs = clean_fp.load_corpus(args.corpus, 0)
    if not docs:
        print("no documents under %s" % args.corpus, file=sys.stderr)
        return 2
    rng.shuffle(docs)
    docs = docs[:args.docs]
    injected, gts, metas = [], [], []
    for did, text in docs:
        segs, meta = inject(text, rng)
        raw, labels = bytearray(), []
        for t, lab in segs:
            b = t.encode("utf-8")
            raw += b
            labels += [lab] * len(b)
        injected.append((did, raw.decode("utf-8")))
        gts.append(labels)
        metas.append(meta)
    outs = {o["id"]: o for o in clean_fp.run_winnow(args.winnow, injected)}
    # What the stage already removes from the clean texts is measured by
    # clean_fp.py; here it is set aside so that it does not count against
    # (or for) the injected classes.
    base = {}
    for o in clean_fp.run_winnow(args.winnow, docs):
        text = dict(docs)[o["id"]]
        raw = text.encode("utf-8")
        hits, _ = clean_fp.replay(text, o.get("winnow", {}).get("spans", []))
        base[o["id"]] = {(r, raw[min(p):max(p) + 1]) for r, _, p in hits if p}
    preexisting = 0
    classes = ["spam_injection", "junk_span", "boilerplate", "byline", "lost_content", "mojibake"]
    tp, pred, gt = collections.Counter(), collections.Counter(), collections.Counter()
    misses = collections.defaultdict(list)
    meta_ok = meta_n = 0
    for (did, text), labels, meta in zip(injected, gts, metas):
        raw = text.encode("utf-8")
        lead = [(b & 0xC0) != 0x80 for b in raw]
        removed = {}
        o = outs.get(did, {})
        hits, _ = clean_fp.replay(text, o.get("winnow", {}).get("spans", []))
        for reason, rule, pos in hits:
            if pos and all(labels[p] is None for p in pos) and \
                    (reason, raw[min(pos):max(pos) + 1]) in base.get(did, ()):
                preexisting += sum(lead[p] for p in pos)
                continue
            for p in pos:
                removed.setdefault(p, reason)
        for p in range(len(raw)):
            if not lead[p]:
                continue
            g, r = labels[p], removed.get(p)
            if r in ("blank_run", "encoding"):
                r = None
            if g:
                gt[g] += 1
            if r:
                pred[r] += 1
            if g and g == r:
                tp[g] += 1
        for c in classes:
            got = bytes(b for p, b in enumerate(raw) if labels[p] == c and removed.get(p) != c)
            if got.strip() and len(misses[c]) < args.show:
                misses[c].append((did, "missed", got.decode("utf-8", "replace")[:120]))
            fp = bytes(b for p, b in enumerate(raw) if removed.get(p) == c and labels[p] != c)
            if fp.strip() and len(misses[c]) < args.show:
                misses[c].append((did, "extra", fp.decode("utf-8", "replace")[:120]))
        for k, v in meta.items():
            if v:
                meta_n += 1
                meta_ok += o.get(k) == v
    status = 0
    print("%d documents, seed %d" % (len(injected), args.seed))
    print("%-16s %9s %9s %9s %7s %7s" % ("class", "injected", "removed", "correct", "P", "R"))
    for c in classes:
        p = tp[c] / pred[c] if pred[c] else 1.0
        r = tp[c] / gt[c] if gt[c] else 1.0
        flag = "" if p >= args.min_p and r >= args.min_r else "  <-- below target"
        if flag:
            status = 1
        print("%-16s %9d %9d %9d %7.3f %7.3f%s" % (c, gt[c], pred[c], tp[c], p, r, flag))
    print("set aside: %d chars that the stage also removes from the clean text" % preexisting)
    if meta_n:
        print("byline metadata (author/date) correct: %d of %d" % (meta_ok, meta_n))
    for c in classes:
        for did, kind, t in misses[c]:
            print("  %s %s %s: %r" % (c, kind, did, t))
    return status


if __name__ == "__main__":
    sys.exit(main())
