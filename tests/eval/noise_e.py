# Noise bank "e": spam, page chrome and bylines written independently of
# the other banks, from what hacked and cluttered pages really look like.
# It exists to measure generalization: the clean stage was never tuned on
# these strings. Use --bank e (all), e-a (even entries) or e-b (odd
# entries) in clean_inject.py; tune only on e-a and report e-b held out.

# (a) Injected spam: (language, line).
SPAM = [
    # English
    ("en", "Best online casino bonus 2024 - claim 200 free spins no deposit at www.luckyspin777.com"),
    ("en", "slot gacor hari ini | situs slot online | rtp slot live | maxwin"),
    ("en", "Buy Viagra online without prescription, cheapest Cialis 20mg, fast discreet shipping to USA & UK"),
    ("en", "ESSAY WRITING SERVICE - PAY SOMEONE TO WRITE MY ESSAY CHEAP - 100% PLAGIARISM FREE"),
    ("en", "Get daily crypto signals with 95% accuracy! Join our Telegram @CryptoKingSignalsVIP now"),
    ("en", "replica rolex submariner, swiss replica watches, fake hublot, AAA louis vuitton bags outlet"),
    ("en", "Need cash fast? Payday loans up to $1500 approved in minutes, bad credit OK, call 1-888-555-0142"),
    ("en", "Buy Instagram followers cheap - 10k real followers for $9.99, instant delivery, no password needed"),
    ("en", "Windows 10 Pro product key only $12.99 | Office 2021 lifetime license | genuine activation"),
    ("en", "\U0001F525 BEST IPTV SUBSCRIPTION 2024 \U0001F525 20,000+ live channels, 4K, free trial, m3u, firestick \U0001F4FA"),
    ("en", "Keto Burn diet pills: lose 30 lbs in 30 days without exercise, doctors hate this trick"),
    ("en", "Hot singles in your area waiting to chat tonight - escorts, live cams, 18+ only, click here"),
    ("en", "NordVPN 73% OFF coupon code - unblock Netflix, stay anonymous, 30-day money-back guarantee!!"),
    ("en", "sports betting tips today, fixed matches 100% sure, correct score, double chance, whatsapp +44 7700 900123"),
    ("en", "cheap jerseys wholesale nfl jerseys china free shipping authentic nike jerseys"),
    ("en", "Earn $500 a day from home with forex trading robot, guaranteed profit, no experience needed"),
    # Indonesian
    ("id", "Daftar situs judi slot online terpercaya gampang menang deposit pulsa tanpa potongan"),
    ("id", "togel hongkong, togel singapore, bandar togel online, prediksi hk malam ini, angka jitu"),
    ("id", "SLOT88 LINK ALTERNATIF RESMI - BONUS NEW MEMBER 100% DI AWAL TO KECIL"),
    ("id", "Obat kuat pria herbal asli, tahan lama 2 jam, harga murah, COD seluruh Indonesia, WA 0812-3456-7890"),
    ("id", "Jasa pembuatan skripsi dan tesis murah bergaransi, joki tugas kuliah cepat"),
    ("id", "pinjaman online cepat cair tanpa jaminan, limit sampai 20 juta, bunga rendah"),
    # Turkish
    ("tr", "Deneme bonusu veren siteler 2024, bedava bahis, yasal bahis siteleri, canlı casino giriş"),
    ("tr", "Bahisçiler için en güncel giriş adresi: hiltonbet güncel giriş, kaçak iddaa, canlı maç izle"),
    ("tr", "istanbul escort bayan, ataşehir escort, şişli escort, elit ve güvenilir hizmet"),
    ("tr", "Takipçi satın al - ucuz Instagram takipçi, gerçek Türk beğeni, anında teslimat"),
    ("tr", "Zayıflama hapı, kesin sonuç veren bitkisel kilo verme kapsülü, kapıda ödeme"),
    # Vietnamese
    ("vi", "Nhà cái uy tín nhất 2024 - đăng ký nhận ngay 100k, cá cược bóng đá, xổ số, tài xỉu online"),
    ("vi", "soi cầu lô đề miền bắc chính xác 100%, kèo nhà cái hôm nay, link vào 188bet mới nhất"),
    ("vi", "Vay tiền online nhanh trong 15 phút, không cần thế chấp, chỉ cần CMND, lãi suất thấp"),
    ("vi", "Thuốc tăng cường sinh lý nam chính hãng, giao hàng toàn quốc, thanh toán khi nhận hàng"),
    ("vi", "Game bài đổi thưởng uy tín, nổ hũ, bắn cá, rút tiền nhanh, tặng code tân thủ"),
    # Thai
    ("th", "สล็อตเว็บตรง แตกง่าย ไม่ผ่านเอเย่นต์ ฝากถอนไม่มีขั้นต่ำ สมัครรับโบนัส 100%"),
    ("th", "แทงบอลออนไลน์ ufabet เว็บพนันบอล ดีที่สุด บาคาร่า คาสิโนออนไลน์ เครดิตฟรี"),
    ("th", "หวยออนไลน์ จ่ายบาทละ 900 ซื้อหวยลาว หวยฮานอย ได้ที่นี่ ไลน์ @lotto888"),
    ("th", "ยาลดน้ำหนัก ลดจริง 10 กิโล ใน 1 เดือน ส่งฟรี เก็บเงินปลายทาง"),
    ("th", "รับทำการบ้าน รับเขียนรายงาน รับทำวิทยานิพนธ์ ราคาถูก งานด่วน"),
    # Chinese
    ("zh", "澳门新葡京娱乐城官网 - 百家乐、真人视讯、体育投注，注册即送88元彩金"),
    ("zh", "代开发票 13800138000 各类增值税发票 诚信经营"),
    ("zh", "高仿名表 劳力士 欧米茄 一比一复刻 微信：watch8899 货到付款"),
    ("zh", "北京上门按摩服务 高端外围 空降全国 加QQ 123456789"),
    ("zh", "时时彩 北京赛车pk10 计划 稳赚不赔 最高返水 1.8%"),
    ("zh", "【免费翻墙】VPN加速器 永久免费 一键连接 看YouTube 不限速"),
    # Japanese
    ("ja", "オンラインカジノ 入金不要ボーナス 2024年最新 今すぐ登録で3000円プレゼント"),
    ("ja", "即日融資OK！ブラックでも借りれる 消費者金融 審査なし 今すぐ申込"),
    ("ja", "ブランドコピー 激安通販 ルイヴィトン スーパーコピー 財布 バッグ 代引き可"),
    ("ja", "飲むだけで痩せる ダイエットサプリ 初回限定980円 送料無料"),
    ("ja", "出会い系 無料 今夜会える 人妻 セフレ募集 登録はこちら"),
    # Korean
    ("ko", "토토사이트 추천 먹튀검증 완료 안전놀이터 메이저사이트 가입머니 지급"),
    ("ko", "카지노사이트 바카라사이트 온라인슬롯 첫충 20% 매충 10% 텔레그램 @casino777"),
    ("ko", "비아그라 구입 정품 시알리스 처방전 없이 당일 배송 후불 결제"),
    ("ko", "인스타 팔로워 구매 좋아요 늘리기 저렴한 가격 24시간 자동"),
    ("ko", "무직자 대출 당일 승인 신용불량자 가능 비대면 소액대출"),
    # Russian
    ("ru", "Лучшее онлайн казино с выводом денег - бонус 500% на первый депозит, играть на реальные деньги"),
    ("ru", "купить диплом о высшем образовании недорого с занесением в реестр, доставка по России"),
    ("ru", "Проститутки Москвы, индивидуалки, интим досуг, выезд круглосуточно"),
    ("ru", "Займ на карту без отказа и проверок за 5 минут, первый займ под 0%"),
    ("ru", "СТАВКИ НА СПОРТ - ДОГОВОРНЫЕ МАТЧИ - ПРОХОДИМОСТЬ 98% - ПИШИ В ТЕЛЕГРАМ"),
    ("ru", "купить аккаунты, накрутка подписчиков вк, лайки инстаграм дешево"),
    # Portuguese
    ("pt", "Melhores sites de apostas esportivas 2024: ganhe bônus de R$ 500 no primeiro depósito"),
    ("pt", "Cassino online com rodadas grátis, jogo do tigrinho, fortune tiger, pix na hora"),
    ("pt", "Comprar seguidores no Instagram barato, curtidas reais, entrega imediata"),
    ("pt", "Emagrecedor natural que seca a barriga em 7 dias, compre agora com frete grátis"),
    ("pt", "acompanhantes em São Paulo, garotas de programa, atendimento 24 horas"),
    # Spanish
    ("es", "Casino online Chile: bono de bienvenida 100% hasta $200.000 + 50 giros gratis"),
    ("es", "Comprar Viagra genérico sin receta en España, envío discreto 24/48h, pago contra reembolso"),
    ("es", "Préstamos rápidos online sin papeleos ni aval, dinero en tu cuenta en 10 minutos"),
    ("es", "apuestas deportivas, pronósticos de fútbol gratis, cuotas altas, apuesta segura hoy"),
    ("es", "Escorts Madrid, chicas independientes, masajes eróticos, disponibles ahora"),
    # German
    ("de", "Online Casino ohne Limit und ohne Verifizierung - jetzt 100 Freispiele sichern!"),
    ("de", "Potenzmittel rezeptfrei bestellen: Viagra, Cialis, Levitra - diskreter Versand aus Deutschland"),
    ("de", "Sportwetten Anbieter Vergleich, beste Quoten, Wettbonus ohne Einzahlung"),
    ("de", "Hausarbeit schreiben lassen - Ghostwriter Bachelorarbeit günstig und anonym"),
    ("de", "Kredit ohne Schufa sofort aufs Konto, auch für Arbeitslose, Sofortzusage"),
    # French
    ("fr", "Casino en ligne fiable France : bonus sans dépôt, machines à sous, retrait rapide"),
    ("fr", "Acheter du Cialis sans ordonnance en France, livraison rapide et discrète, prix bas"),
    ("fr", "Paris sportifs : pronostics foot gratuits, cote boostée, code promo exclusif"),
    ("fr", "Rencontre coquine gratuite près de chez vous, plan cul ce soir, inscription rapide"),
    ("fr", "Crédit rapide sans justificatif, réponse immédiate, fonds disponibles en 24h"),
    # Polish
    ("pl", "Kasyno online bez depozytu, darmowe spiny na start, najlepsze automaty do gier"),
    ("pl", "Zakłady bukmacherskie, legalny bukmacher, kod promocyjny, freebet 50 zł"),
    ("pl", "Chwilówki przez internet bez BIK, szybka pożyczka na dowód, pierwsza za darmo"),
    ("pl", "tanie tabletki na potencję bez recepty, dyskretna wysyłka, apteka internetowa"),
    # Italian
    ("it", "Casinò online AAMS: bonus di benvenuto senza deposito, slot machine gratis"),
    ("it", "Scommesse sportive, quote maggiorate, pronostici calcio sicuri al 100%"),
    ("it", "Acquistare Viagra senza ricetta in Italia, spedizione veloce, farmacia online"),
    ("it", "orologi replica di lusso, borse firmate imitazioni perfette, prezzi di fabbrica"),
    # Arabic
    ("ar", "أفضل مواقع المراهنات الرياضية 2024 احصل على مكافأة ترحيبية 100% سجل الآن"),
    ("ar", "كازينو اون لاين عربي ربح حقيقي سحب فوري العب الروليت والبلاك جاك"),
    ("ar", "حبوب تكبير وتطويل القضيب الأصلية للبيع توصيل لجميع المدن الدفع عند الاستلام"),
    ("ar", "توصيات فوركس مجانية يومية، صفقات مضمونة، انضم لقناة التليجرام"),
    # Hindi
    ("hi", "ऑनलाइन सट्टा खेलें और रोज़ जीतें ₹50,000 तक, सट्टा मटका रिजल्ट सबसे तेज़"),
    ("hi", "तीन पत्ती रियल कैश गेम डाउनलोड करें, साइन अप बोनस ₹500, तुरंत निकासी"),
    ("hi", "क्रिकेट सट्टा टिप्स आज के मैच की पक्की खबर, व्हाट्सएप करें 98XXXXXX10"),
    ("hi", "बिना गारंटी के तुरंत लोन पाएं, 5 मिनट में अप्रूवल, सिबिल स्कोर की जरूरत नहीं"),
]

# (b) Page chrome: (language, line).
CHROME = [
    # English
    ("en", "We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies."),
    ("en", "Accept all cookies"),
    ("en", "Manage preferences"),
    ("en", "Share on Facebook"),
    ("en", "Share this article"),
    ("en", "Print this page"),
    ("en", "Email this story to a friend"),
    ("en", "Subscribe to our newsletter"),
    ("en", "Sign up for our daily briefing and get the best stories delivered to your inbox."),
    ("en", "Log in or register to post comments"),
    ("en", "Continue reading"),
    ("en", "Read more »"),
    ("en", "Leave a comment"),
    ("en", "Be the first to comment"),
    ("en", "You might also like"),
    ("en", "Related articles"),
    ("en", "Recommended for you"),
    ("en", "Tags: politics, economy, elections"),
    ("en", "Filed under: Technology, Gadgets"),
    ("en", "Home > News > World > Europe"),
    ("en", "« Previous post | Next post »"),
    ("en", "Page 1 of 5"),
    ("en", "1.2K shares"),
    ("en", "Advertisement"),
    ("en", "Sponsored content"),
    ("en", "Skip to main content"),
    ("en", "Back to top"),
    ("en", "© 2024 Example Media Group. All rights reserved."),
    ("en", "Privacy Policy | Terms of Use | Contact Us | Sitemap"),
    ("en", "Download our app on the App Store and Google Play"),
    ("en", "Was this article helpful? Yes No"),
    ("en", "Rate this recipe: ★★★★☆ (128 votes)"),
    ("en", "Click here to enlarge"),
    ("en", "Follow us on Twitter"),
    ("en", "Show comments (47)"),
    ("en", "Report an error"),
    ("en", "Story continues below advertisement"),
    ("en", "Loading..."),
    # German
    ("de", "Diese Website verwendet Cookies. Wenn Sie die Seite weiter nutzen, stimmen Sie der Verwendung von Cookies zu."),
    ("de", "Alle akzeptieren"),
    ("de", "Artikel teilen"),
    ("de", "Drucken"),
    ("de", "Newsletter abonnieren"),
    ("de", "Weiterlesen"),
    ("de", "Kommentare (12)"),
    ("de", "Das könnte Sie auch interessieren"),
    ("de", "Anzeige"),
    ("de", "Zum Seitenanfang"),
    ("de", "Startseite › Politik › Ausland"),
    ("de", "Impressum | Datenschutz | AGB | Kontakt"),
    # French
    ("fr", "Ce site utilise des cookies pour améliorer votre expérience de navigation."),
    ("fr", "Tout accepter"),
    ("fr", "Partager sur Facebook"),
    ("fr", "Lire la suite"),
    ("fr", "Abonnez-vous à notre newsletter"),
    ("fr", "Laisser un commentaire"),
    ("fr", "Articles similaires"),
    ("fr", "Publicité"),
    ("fr", "Retour en haut de la page"),
    ("fr", "Accueil > Actualités > Société"),
    ("fr", "Mentions légales - Politique de confidentialité - Nous contacter"),
    # Spanish
    ("es", "Utilizamos cookies propias y de terceros para mejorar nuestros servicios."),
    ("es", "Aceptar y cerrar"),
    ("es", "Compartir en WhatsApp"),
    ("es", "Leer más"),
    ("es", "Suscríbete a nuestro boletín"),
    ("es", "Deja tu comentario"),
    ("es", "Noticias relacionadas"),
    ("es", "Publicidad"),
    ("es", "Volver arriba"),
    ("es", "Inicio / Deportes / Fútbol"),
    ("es", "Todos los derechos reservados"),
    # Portuguese
    ("pt", "Este site utiliza cookies para melhorar a sua experiência."),
    ("pt", "Compartilhe esta notícia"),
    ("pt", "Leia também"),
    ("pt", "Assine nossa newsletter"),
    ("pt", "Deixe seu comentário"),
    ("pt", "Veja também"),
    ("pt", "Voltar ao topo"),
    # Italian
    ("it", "Questo sito utilizza cookie tecnici e di profilazione. Chiudendo questo banner acconsenti all'uso dei cookie."),
    ("it", "Condividi su Facebook"),
    ("it", "Leggi anche"),
    ("it", "Iscriviti alla newsletter"),
    ("it", "Lascia un commento"),
    ("it", "Articoli correlati"),
    ("it", "Torna su"),
    # Dutch
    ("nl", "Deze website maakt gebruik van cookies."),
    ("nl", "Lees verder"),
    ("nl", "Deel dit artikel"),
    ("nl", "Reageer"),
    # Polish
    ("pl", "Ta strona korzysta z plików cookies."),
    ("pl", "Czytaj dalej"),
    ("pl", "Udostępnij"),
    ("pl", "Zobacz także"),
    ("pl", "Dodaj komentarz"),
    # Russian
    ("ru", "Мы используем файлы cookie для улучшения работы сайта."),
    ("ru", "Читать далее"),
    ("ru", "Поделиться"),
    ("ru", "Подписаться на рассылку"),
    ("ru", "Читайте также"),
    ("ru", "Комментарии (3)"),
    ("ru", "Главная / Новости / Экономика"),
    # Turkish
    ("tr", "Sitemizde çerezler kullanılmaktadır."),
    ("tr", "Devamını oku"),
    ("tr", "Paylaş"),
    ("tr", "İlginizi çekebilir"),
    ("tr", "Yorum yap"),
    # Indonesian
    ("id", "Baca juga: Harga BBM naik mulai besok"),
    ("id", "Bagikan artikel ini"),
    ("id", "Berita terkait"),
    ("id", "Tulis komentar"),
    # Vietnamese
    ("vi", "Xem thêm"),
    ("vi", "Chia sẻ bài viết"),
    ("vi", "Tin liên quan"),
    # Chinese
    ("zh", "分享到微信"),
    ("zh", "阅读全文"),
    ("zh", "相关文章"),
    ("zh", "上一篇 | 下一篇"),
    ("zh", "版权所有 © 2024 保留所有权利"),
    ("zh", "返回顶部"),
    # Japanese
    ("ja", "この記事をシェアする"),
    ("ja", "続きを読む"),
    ("ja", "関連記事"),
    ("ja", "ページの先頭へ"),
    ("ja", "広告"),
    # Korean
    ("ko", "기사 공유하기"),
    ("ko", "더보기"),
    ("ko", "관련 기사"),
    ("ko", "무단전재 및 재배포 금지"),
    # Arabic
    ("ar", "اقرأ أيضا"),
    ("ar", "شارك المقال"),
    ("ar", "جميع الحقوق محفوظة"),
    # Hindi
    ("hi", "और पढ़ें"),
    ("hi", "शेयर करें"),
    # Thai
    ("th", "อ่านต่อ"),
    ("th", "แชร์บทความนี้"),
]

# (c) Bylines: (language, line, author or None, ISO date or None).
BYLINES = [
    ("en", "By Sarah Mitchell | March 14, 2023", "Sarah Mitchell", "2023-03-14"),
    ("en", "By JAMES O'CONNOR, Associated Press", "James O'Connor", None),
    ("en", "Published 10:42 AM EST, Tue January 9, 2024", None, "2024-01-09"),
    ("en", "Updated: 2022-11-05 18:30 UTC", None, "2022-11-05"),
    ("en", "Posted on 4 July 2021 by admin", "admin", "2021-07-04"),
    ("en", "Written by Priya Raman · 6 min read", "Priya Raman", None),
    ("en", "Emily Chen, Staff Writer — Feb 2, 2020", "Emily Chen", "2020-02-02"),
    ("en", "Photo: John Doe/Reuters", None, None),
    ("en", "12/08/2019 by Mark Thompson", "Mark Thompson", "2019-12-08"),
    ("en", "Last updated on Sep. 21, 2018 at 3:15 p.m.", None, "2018-09-21"),
    ("en", "Author: Dr. Alan Brooks | Reviewed by Lisa Grant, MD | Apr 30, 2022", "Alan Brooks", "2022-04-30"),
    ("en", "June 3, 2017 / Michael Reyes / 4 Comments", "Michael Reyes", "2017-06-03"),
    ("de", "Von Thomas Müller | 12.03.2023, 14:05 Uhr", "Thomas Müller", "2023-03-12"),
    ("de", "Veröffentlicht am 5. Mai 2021", None, "2021-05-05"),
    ("de", "Aktualisiert: 28.02.2022 - Lesezeit: 3 Minuten", None, "2022-02-28"),
    ("fr", "Par Claire Dubois, publié le 15 janvier 2023 à 09h12", "Claire Dubois", "2023-01-15"),
    ("fr", "Mis à jour le 02/06/2021 à 17:45", None, "2021-06-02"),
    ("fr", "Publié le 8 octobre 2020", None, "2020-10-08"),
    ("es", "Por María González | 23 de abril de 2022", "María González", "2022-04-23"),
    ("es", "Actualizado el 11/09/2021 a las 12:30 h", None, "2021-09-11"),
    ("es", "Redacción · 7 de junio de 2019, 18:20", None, "2019-06-07"),
    ("pt", "Por João Silva — 17/05/2023 às 08h30", "João Silva", "2023-05-17"),
    ("pt", "Publicado em 3 de março de 2020", None, "2020-03-03"),
    ("it", "Di Marco Rossi, 21 dicembre 2022", "Marco Rossi", "2022-12-21"),
    ("it", "Pubblicato il 14/02/2021 alle ore 10:05", None, "2021-02-14"),
    ("nl", "Door Jan de Vries | 9 november 2022, 11:23", "Jan de Vries", "2022-11-09"),
    ("pl", "Autor: Anna Kowalska, 12 lutego 2023", "Anna Kowalska", "2023-02-12"),
    ("pl", "Opublikowano: 06.10.2021 r.", None, "2021-10-06"),
    ("ru", "Автор: Иван Петров | 15 марта 2023, 12:00", "Иван Петров", "2023-03-15"),
    ("ru", "Опубликовано 01.09.2022 в 08:15", None, "2022-09-01"),
    ("tr", "Ahmet Yılmaz | 18 Ağustos 2022 Perşembe, 14:30", "Ahmet Yılmaz", "2022-08-18"),
    ("tr", "Güncelleme: 03.04.2023 09:41", None, "2023-04-03"),
    ("id", "Oleh Budi Santoso - Senin, 14 Maret 2022 | 10:15 WIB", "Budi Santoso", "2022-03-14"),
    ("vi", "Thứ hai, 20/6/2022, 07:00 (GMT+7)", None, "2022-06-20"),
    ("zh", "作者：王小明 2023年5月12日 10:30", "王小明", "2023-05-12"),
    ("zh", "发布时间：2022-08-01 来源：新华社", None, "2022-08-01"),
    ("ja", "2023年4月1日 9時00分 投稿者：田中太郎", "田中太郎", "2023-04-01"),
    ("ja", "更新日：2021/11/30", None, "2021-11-30"),
    ("ko", "김민수 기자 | 입력 2023.02.14 15:20", "김민수", "2023-02-14"),
    ("ar", "بقلم أحمد علي - 12 مارس 2022", "أحمد علي", "2022-03-12"),
    ("hi", "लेखक: राहुल शर्मा | अपडेटेड: 15 अगस्त 2022, 10:30 AM IST", "राहुल शर्मा", "2022-08-15"),
    ("sv", "Av Erik Larsson, publicerad 2021-03-04 kl. 11.20", "Erik Larsson", "2021-03-04"),
    ("en", "Words by Tom Walker, photography by Ana Ruiz", "Tom Walker", None),
    ("en", "Mon 14 Aug 2023 06.00 BST", None, "2023-08-14"),
]


def _fixed(line, author, iso):
    """A byline form (rng, name, y, m, d) -> (line, author, date) that
    ignores its arguments: bank e's bylines are whole, real-looking lines."""
    return lambda rng, n, y, m, d: (line, author, iso)


def bank(half):
    """(spam lines, chrome lines, byline forms) for "all", half "a" (even
    entries, the tuning half) or half "b" (odd entries, held out)."""
    spam = [t for _, t in SPAM]
    chrome = [t for _, t in CHROME]
    forms = [_fixed(line, a, iso) for _, line, a, iso in BYLINES]
    if half == "all":
        return spam, chrome, forms
    k = {"a": 0, "b": 1}[half]
    return spam[k::2], chrome[k::2], forms[k::2]
