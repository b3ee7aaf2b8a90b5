"""noise_fresh.py - a fourth noise bank for clean_inject.py, written from
memory of real websites, independently of data/clean/*.tsv and of the dev,
heldout and blind banks (2026-11-29, round 2).

Each list is split in two halves by position: even entries are half A (the
half the detectors may be tuned on), odd entries half B (held out; look at
its figures, never at its misses). Parts C and D were written later, each
measured once before anyone looked at its misses (both have been looked at
since; write part E for the next honest figure). `bank(half)` returns
(spam, chrome, byline_forms) for "a", "b", "c", "d" or "all" (A and B).

Bylines are forms: functions of (rng, name, y, m, d) returning
(line, author or None, ISO date or None).
"""

SPAM = [
    # English, in-language spam
    "Buy Cheap Viagra Online No Prescription - Overnight Delivery - www.rx-pills-discount.com",
    "BEST ONLINE CASINO 2024 >> 200% Welcome Bonus + 50 Free Spins >> Play Now at luckyspin777.net",
    "Need cash fast? Payday loans up to $1000 approved in minutes, bad credit OK, no credit check!",
    "Cheap essay writing service - professional writers, plagiarism free, order your paper today 20% off",
    "Replica Rolex Submariner, Omega, Cartier watches AAA quality cheap price free shipping worldwide",
    "Bitcoin doubler: send 0.1 BTC get 0.2 BTC back guaranteed in 24h - crypto-x2profit.io",
    "hot escort girls london incall outcall 24/7 vip companions call now +44 7700 900123",
    "cialis 20mg generic tadalafil lowest price 0.99$ per pill order online discreet shipping",
    "Sports betting tips 100% fixed matches sure win odds - join VIP telegram @fixedodds_pro",
    "Louis Vuitton handbags outlet sale 80% OFF authentic quality replica bags cheap lv purses",
    # Indonesian
    "SLOT GACOR HARI INI MAXWIN - Daftar Situs Slot Online Terpercaya 2024 Deposit Pulsa Tanpa Potongan",
    "Bandar togel online resmi, pasaran terlengkap, diskon 4D terbesar, bonus new member 100%",
    "judi bola sbobet agen resmi link alternatif terbaru deposit dana ovo gopay 10rb",
    "Link RTP live slot pragmatic play gacor malam ini bocoran pola jitu anti rungkad",
    # Turkish
    "Deneme bonusu veren siteler 2024 - güvenilir bahis siteleri, bedava bonus, hemen üye ol",
    "Canlı casino ve kaçak iddaa sitesi: yüksek oran, hızlı para çekme, 7/24 canlı destek",
    "istanbul escort bayan ataşehir kadıköy şişli elit escort ilanları",
    # Vietnamese
    "Nhà cái uy tín số 1 châu Á - cá cược bóng đá, casino trực tuyến, nạp rút nhanh chóng, khuyến mãi 100%",
    "Tải game bài đổi thưởng uy tín, nổ hũ, bắn cá, tặng code tân thủ 50k",
    # Thai
    "สล็อตเว็บตรง แตกง่าย ฝากถอนไม่มีขั้นต่ำ สมัครวันนี้รับโบนัส 100% เครดิตฟรี",
    "บาคาร่าออนไลน์ คาสิโนสด เว็บพนันอันดับ 1 แทงบอลออนไลน์ ufabet",
    # Chinese
    "澳门新葡京娱乐城 官方网站 注册送38元 体验金 真人百家乐 在线赌场",
    "代写论文 代考 留学生作业代写 包过 微信:paperhelp888",
    "正品高仿奢侈品包包 一比一复刻名表 免运费 货到付款",
    "快速办理信用卡套现 网贷秒批 无需征信 日息低至0.02%",
    # Japanese
    "オンラインカジノ 入金不要ボーナス 2024年最新 今すぐ登録で30ドル無料",
    "バイアグラ 通販 最安値 ジェネリック 即日発送 処方箋不要",
    "スーパーコピー ブランド 時計 N級品 激安 通販 専門店",
    # Korean
    "토토사이트 추천 먹튀검증 완료 안전놀이터 메이저사이트 가입코드 777",
    "온라인 카지노 바카라 사이트 첫충 20% 매충 10% 카톡 문의",
    "비아그라 구매 시알리스 정품 직구 당일배송",
    # Russian
    "Лучшее онлайн казино 2024 - бонус 300% на первый депозит, вывод за 5 минут, регистрация",
    "Купить диплом о высшем образовании недорого с доставкой, без предоплаты",
    "Займ на карту без отказа и проверок за 5 минут, первый займ под 0%",
    "проститутки москвы индивидуалки дешево анкеты с фото",
    # Portuguese
    "Cassino online com bônus de boas-vindas de R$500 - aposte agora no melhor site de apostas do Brasil",
    "Empréstimo para negativado aprovado na hora, sem consulta ao SPC/Serasa, dinheiro no mesmo dia",
    # Spanish
    "Casino online España: bono sin depósito 2024, tragamonedas gratis, apuestas deportivas seguras",
    "Comprar viagra sin receta en farmacia online barata envío discreto 24h",
    "Préstamos rápidos online sin aval y sin nómina, dinero en 10 minutos",
    # German
    "Online Casino ohne Anmeldung - Bonus ohne Einzahlung 2024, Spielautomaten kostenlos spielen",
    "Potenzmittel rezeptfrei kaufen - Viagra Generika günstig, diskreter Versand aus Deutschland",
    "Kredit trotz Schufa sofort aufs Konto - Sofortkredit ohne Bonitätsprüfung",
    # French
    "Casino en ligne France argent réel - bonus sans dépôt, machines à sous gratuites, jouer maintenant",
    "Acheter cialis en ligne sans ordonnance pharmacie pas cher livraison rapide",
    "Rachat de crédit sans justificatif, prêt personnel rapide accepté en 24h",
    # Polish
    "Kasyno online bez depozytu 2024 - darmowe spiny, najlepsze automaty, wypłata w 24h",
    "Chwilówki bez BIK przez internet, pożyczka na dowód od ręki, pierwsza za darmo",
    # Italian
    "Casinò online AAMS con bonus senza deposito, slot machine gratis e scommesse sportive",
    "Comprare viagra generico senza ricetta in farmacia online, consegna discreta in 24 ore",
    # Arabic
    "أفضل كازينو اون لاين في السعودية - مكافأة ترحيبية 100% - سجل الآن والعب القمار مجانا",
    "شراء حبوب الفياجرا الأصلية بدون وصفة طبية توصيل سريع",
    # Hindi
    "ऑनलाइन कैसीनो इंडिया - 500% बोनस, तीन पत्ती, रम्मी खेलें और असली पैसे जीतें",
    "सट्टा मटका रिजल्ट आज का लाइव कल्याण मटका फास्ट रिजल्ट",
    # keyword-stuffed shapes, mixed
    "slot88 slot gacor slot maxwin slot thailand slot server luar rtp slot situs slot",
    "casino, online casino, casino bonus, free spins, slots, roulette, blackjack, poker, jackpot",
    "viagra | cialis | levitra | kamagra | propecia | xanax | tramadol | valium",
    "hermes birkin replica, chanel replica, gucci replica, prada replica, dior replica",
    "agen judi online | situs judi terpercaya | poker online | domino qq | bandarq",
    "cheap nike shoes cheap jordans cheap air max cheap yeezy wholesale",
    "<a href=\"http://bonus-casino-top.xyz\">casino</a> <a href=\"http://bonus-casino-top.xyz\">slots</a>",
    "https://pinjaman-cepat.id https://slot-maxwin.vip https://bola-resmi.top",
    "ДЕНЬГИ БЕЗ ОТКАЗА *** КАЗИНО ВУЛКАН *** ИГРОВЫЕ АВТОМАТЫ *** БОНУС",
    "Crypto trading signals 95% accuracy! Earn $5000/week with our AI bot - join t.me/cryptoprofitsvip",
]

CHROME = [
    "Skip to content",
    "Home › News › World",
    "12 Comments  34 Shares",
    "« Prev 1 2 3 4 5 Next »",
    "Share this article",
    "Tags: economy, inflation, central banks",
    "Posted in Uncategorized | Leave a comment",
    "Related posts",
    "Sign up for our newsletter and get the latest stories delivered to your inbox.",
    "We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies. Accept",
    "You must be logged in to post a comment.",
    "Print  Email  Facebook  Twitter  LinkedIn",
    "Back to top ↑",
    "Filed under: Politics, Elections",
    "Continue reading →",
    "Next article »",
    "Share on Facebook Share on Twitter Share on WhatsApp",
    "Copyright © 2023 The Daily Herald. All rights reserved.",
    "Follow us on Instagram",
    "Subscribe now for unlimited access",
    "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Image: Getty Images",
    "Advertisement",
    "Click to share on Pinterest (Opens in new window)",
    "Loading...",
    "Show more",
    "Previous Post  Next Post",
    "Facebook | Twitter | Instagram | YouTube | RSS",
    "About Us  Contact  Privacy Policy  Terms of Use",
    "1.2k views",
    "Was this article helpful? Yes No",
    # German
    "Startseite > Politik > Ausland",
    "Artikel teilen",
    "Diese Website verwendet Cookies. Mehr erfahren",
    "Jetzt Newsletter abonnieren",
    "Zurück zur Übersicht",
    "Kommentare (14)",
    # French
    "Accueil » Actualités » Société",
    "Partager sur Facebook",
    "Lire aussi",
    "Abonnez-vous à notre newsletter",
    "Ce site utilise des cookies pour améliorer votre expérience de navigation. En savoir plus",
    "Mentions légales | Politique de confidentialité | Contact",
    # Spanish
    "Inicio / Noticias / Internacional",
    "Compartir en WhatsApp",
    "Te puede interesar",
    "Suscríbete a nuestro boletín",
    "Deja un comentario",
    # Italian
    "Condividi su Facebook",
    "Leggi anche",
    "Iscriviti alla newsletter",
    # Portuguese
    "Compartilhe esta notícia",
    "Leia também",
    "Início › Notícias › Brasil",
    # Dutch, Polish, Russian, Turkish, Indonesian
    "Lees ook",
    "Udostępnij  Skomentuj",
    "Главная / Новости / Общество",
    "Поделиться в соцсетях",
    "Читайте также",
    "Ana Sayfa > Gündem > Dünya",
    "Bu haberi paylaş",
    "Baca juga: Harga Emas Hari Ini Naik Tipis",
    "Bagikan artikel ini",
    # CJK, Arabic, Hindi
    "首页 > 新闻 > 国际",
    "分享到: 微信 微博 QQ空间",
    "ホーム > ニュース > 社会",
    "この記事をシェアする",
    "홈 > 뉴스 > 사회",
    "공유하기",
    "الرئيسية » أخبار » عربي ودولي",
    "شارك هذا المقال",
    "होम » समाचार » देश",
    "यह भी पढ़ें",
    # separators, counters, link rows
    "Home | About | Blog | Shop | Contact",
    "♥ 245   💬 18   ↗ Share",
    "Page 2 of 7",
    "« Older Entries",
    "Top ↑",
    "Tweet  Pin It  Email",
]


# Month names for bylines, index 0 = January.
_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
       "September", "October", "November", "December"]
_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
       "septiembre", "octubre", "noviembre", "diciembre"]
_PT = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
       "setembro", "outubro", "novembro", "dezembro"]
_IT = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
       "settembre", "ottobre", "novembre", "dicembre"]
_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
       "september", "oktober", "november", "december"]
_PL = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
       "września", "października", "listopada", "grudnia"]
_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
       "Oktober", "November", "Dezember"]
_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
       "septembre", "octobre", "novembre", "décembre"]
_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
       "сентября", "октября", "ноября", "декабря"]


def _iso(y, m, d):
    return "%04d-%02d-%02d" % (y, m, d)


BYLINES = [
    lambda r, n, y, m, d: ("By %s | %s %d, %d" % (n, _EN[m - 1], d, y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Publié le %02d/%02d/%d par %s" % (d, m, y, n), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Von %s am %d. %s %d" % (n, d, _DE[m - 1], y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%d年%d月%d日 記者 %s" % (y, m, d, n), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Updated: %d-%02d-%02dT10:00Z" % (y, m, d), None, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Written by %s on %s %d, %d" % (n, _EN[m - 1], d, y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%s %d, %d at %d:%02d pm" % (_EN[m - 1][:3], d, y, r.randint(1, 12),
                                                        r.randint(0, 59)), None, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Por %s | %d de %s de %d" % (n, d, _ES[m - 1], y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Publicado em %02d/%02d/%d, às %dh%02d" % (d, m, y, r.randint(0, 23),
                                                                      r.randint(0, 59)), None, _iso(y, m, d)),
    lambda r, n, y, m, d: ("di %s - %d %s %d" % (n, d, _IT[m - 1], y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Door %s, %d %s %d" % (n, d, _NL[m - 1], y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Autor: %s, %d %s %d" % (n, d, _PL[m - 1], y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%s, %d %s %d г." % (n, d, _RU[m - 1], y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%d.%02d.%02d %s 기자" % (y, m, d, n), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Posted %s %d, %d by %s" % (_EN[m - 1], d, y, n), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%s — %d %s %d" % (n.upper(), d, _EN[m - 1], y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Last updated on %d %s %d" % (d, _EN[m - 1][:3], y), None, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Par %s le %d %s %d à %dh%02d" % (n, d, _FR[m - 1], y, r.randint(0, 23),
                                                              r.randint(0, 59)), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Stand: %02d.%02d.%d %d:%02d Uhr" % (d, m, y, r.randint(0, 23),
                                                                r.randint(0, 59)), None, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Reporter: %s" % n, n, None),
    lambda r, n, y, m, d: ("%d/%d/%d - %s" % (m, d, y, n), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Date: %d %s %d  Author: %s" % (d, _EN[m - 1], y, n), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%s | %d.%d.%d" % (n, d, m, y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("发布时间：%d-%02d-%02d 作者：%s" % (y, m, d, n), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Story by %s • %s %d, %d" % (n, _EN[m - 1][:3], d, y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Atualizado em %d de %s de %d" % (d, _PT[m - 1], y), None, _iso(y, m, d)),
]

NAMES = ["Emily Carter", "Hiroshi Tanaka", "Lucía Morales", "Olusegun Adeyemi", "Katarzyna Nowak",
         "Dmitri Sokolov", "Chloé Martin", "Giulia Bianchi", "Rahul Mehta", "Kim Min-jun",
         "Thomas Müller", "Fatima Al-Sayed", "João Pereira", "Nguyen Van An", "Ewa Kowalska",
         "Daniel O'Brien"]


# Part C, written after the detectors had been tuned on half A and half B
# had been measured: a last check that nothing was tuned on, measured once.
SPAM_C = [
    "Kamagra oral jelly 100mg kaufen ohne rezept - express lieferung",
    "เว็บพนันออนไลน์ ฝาก 1 บาท รับ 50 ถอนได้จริง",
    "Agen bola terpercaya - daftar sekarang dapatkan cashback mingguan 10%",
    "Yasal olmayan bahis: en yüksek oranlar ve anında çekim, giriş adresi burada",
    "Подработка на дому без вложений от 3000 рублей в день",
    "Pożyczka online bez zaświadczeń - decyzja w 15 minut",
    "Rolex Daytona replica swiss made 1:1 best quality",
    "Hire a professional to do my homework - cheap assignment help 24/7",
    "Casino sin licencia con bono de bienvenida del 200% y giros gratis",
    "Cassino ao vivo: roleta, blackjack e bacará com saque via PIX",
    "Buy Instagram followers and likes cheap instant delivery",
    "日本最大級のオンラインカジノで今すぐ遊ぼう 初回入金ボーナス",
    "바카라 사이트 추천 ✔ 신규가입 꽁머니 지급",
    "网上赌场 真人荷官 彩票 高额返水",
    "Mua bán tài khoản ngân hàng, làm giấy tờ giả uy tín",
    "FREE BITCOIN GIVEAWAY!!! Send 1 ETH and receive 2 ETH back",
    "Vendo cialis e viagra originali, spedizione discreta in tutta Italia",
    "Achat de followers et likes pas cher, livraison instantanée",
    "Trading automatique: gagnez 500 € par jour sans expérience",
    "كازينو مباشر وألعاب سلوت - سحب فوري وأرباح مضمونة",
    "ऑनलाइन सट्टा ऐप डाउनलोड करें और रोज़ जीतें",
    "slot demo pragmatic | slot olympus | slot mahjong ways | slot zeus",
]
CHROME_C = [
    "Jump to navigation",
    "Print this page",
    "Rate this post ★★★★☆ (4.2 / 5)",
    "Show comments (27)",
    "Most Read",
    "Add to reading list",
    "Report an error",
    "Sponsored Content",
    "Enable JavaScript to view this content.",
    "Photo by John Smith on Unsplash",
    "Watch: Highlights from last night",
    "Sign in to continue",
    "Load more comments",
    "Teilen auf Twitter",
    "Weitere Artikel",
    "Alle Rechte vorbehalten",
    "Voir les commentaires",
    "Publicité",
    "Partager par e-mail",
    "Ver comentarios",
    "Más noticias",
    "Ver mais",
    "Comentários (8)",
    "Mostra altri",
    "Zobacz więcej",
    "Показать ещё",
    "Все новости",
    "Daha fazla göster",
    "Tüm haberler",
    "Lihat semua",
    "Xem tất cả",
    "ดูทั้งหมด",
    "查看更多",
    "もっと見る",
    "전체보기",
    "عرض المزيد",
    "और देखें",
    "Home » Blog » Recipes",
    "← Back to all posts",
    "Posted in News, Updates",
]
BYLINES_C = [
    lambda r, n, y, m, d: ("Text: %s, %02d.%02d.%d" % (n, d, m, y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%s · %d %s %d" % (n, d, _ES[m - 1], y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Published %d/%d/%d by %s" % (m, d, y, n), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Mis à jour le %d %s %d" % (d, _FR[m - 1], y), None, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%s, %s %d, %d" % (n, _EN[m - 1], d, y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Aktualisiert am %02d.%02d.%d" % (d, m, y), None, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Pubblicato il %d %s %d" % (d, _IT[m - 1], y), None, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Автор: %s | %02d.%02d.%d" % (n, d, m, y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%d-%02d-%02d | By %s" % (y, m, d, n), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Opublikowano: %d %s %d" % (d, _PL[m - 1], y), None, _iso(y, m, d)),
]


# Part D, written when round 2's changes were done, measured once.
SPAM_D = [
    "Best VPN deals 2024 - 85% off + 3 months free, limited time offer at vpn-sale.click",
    "Sildenafil citrate 100mg online apotheke ohne rezept günstig bestellen",
    "Jogos de azar online: caça-níqueis com rodadas grátis, cadastre-se e ganhe bônus",
    "ОНЛАЙН КАЗИНО С МОМЕНТАЛЬНЫМ ВЫВОДОМ - ЗАБЕРИ 500 ФРИСПИНОВ",
    "Slot online deposit dana 5000 tanpa potongan, link gacor anti kalah",
    "Chicas escort en Madrid disponibles ahora, discreción total, llama ya",
    "Essay help online: 100% original papers by expert writers, deadline 3 hours",
    "Canlı maç izle bedava - bahis tahminleri ve kupon önerileri",
    "Thuốc tăng cường sinh lý nam chính hãng, giao hàng tận nơi",
    "高仿名牌手表 瑞士机芯 支持验货 微信下单",
    "ビットコインで簡単に稼ぐ方法 月収100万円 LINE登録はこちら",
    "Kredyt gotówkowy przez internet bez wychodzenia z domu, decyzja w 5 minut",
    "Scommesse calcio: quote maggiorate e bonus di benvenuto fino a 500 euro",
    "Prêt entre particuliers sérieux et rapide, contactez-moi par email",
    "Cheap Canada Goose jackets outlet online, 70% off, free shipping",
    "강남 룸살롱 예약 문의 24시간 상담",
    "Investasi forex modal kecil untung besar, gabung grup telegram sekarang",
    "WIN BIG at JACKPOTCITY - 100 FREE SPINS - NO WAGERING",
]
CHROME_D = [
    "Share via WhatsApp",
    "Reply ↓",
    "Permalink",
    "Comments are closed.",
    "This entry was posted in Travel and tagged beaches, summer.",
    "Sort by: Newest",
    "Log in to reply",
    "Save article",
    "Follow this author",
    "Listen to article",
    "Accept all",
    "Manage preferences",
    "Zum Merkzettel hinzufügen",
    "Artikel merken",
    "Réagir à cet article",
    "Newsletter gratuite",
    "Comparte este artículo",
    "Síguenos en redes sociales",
    "Compartilhe no WhatsApp",
    "Iscriviti al canale",
    "Podziel się",
    "Подписывайтесь на наш канал",
    "Haberi paylaş",
    "Bagikan ke WhatsApp",
    "Theo dõi chúng tôi",
    "แชร์บทความนี้",
    "收藏本文",
    "この記事を共有",
    "기사 공유하기",
    "تابعونا على فيسبوك",
    "हमें फॉलो करें",
    "Home / Travel / Europe / Italy",
]
BYLINES_D = [
    lambda r, n, y, m, d: ("By %s, %s %d, %d, updated %d:%02d a.m. ET" % (n, _EN[m - 1][:3], d, y,
                                                                           r.randint(1, 12), r.randint(0, 59)),
                           n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%s | %s | %d %s %d" % (n, "Redaktion", d, _DE[m - 1], y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Escrito por %s el %d de %s, %d" % (n, d, _ES[m - 1], y), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%02d/%02d/%d às %02d:%02d" % (d, m, y, r.randint(0, 23), r.randint(0, 59)),
                           None, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Posted: %d-%02d-%02d | Author: %s" % (y, m, d, n), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%s　%d年%d月%d日" % (n, y, m, d), n, _iso(y, m, d)),
    lambda r, n, y, m, d: ("Yayınlanma: %02d.%02d.%d" % (d, m, y), None, _iso(y, m, d)),
    lambda r, n, y, m, d: ("%s %d, %d" % (_EN[m - 1].upper(), d, y), None, _iso(y, m, d)),
]


def bank(half):
    """(spam, chrome, byline forms) for half "a", "b", parts "c", "d" or "all"."""
    if half == "all":
        return SPAM, CHROME, BYLINES
    if half == "c":
        return SPAM_C, CHROME_C, BYLINES_C
    if half == "d":
        return SPAM_D, CHROME_D, BYLINES_D
    k = {"a": 0, "b": 1}[half]
    return SPAM[k::2], CHROME[k::2], BYLINES[k::2]
