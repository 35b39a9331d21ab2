#!/usr/bin/env python3
"""The golden inputs of `cpd reconcile` and `cpd notices` (tests/reconcile/).

    make_golden.py [DIR]     write them into DIR (default: this directory)

Made from the three examples (examples/*.json, whose certificates expire
on 2027-03-31: the window is 2027-01-01 to 2027-03-31), with made-up
names, and the bank's record of their fees written three ways, which
must give the same answers:

  applications.ndjson  14 applications, one per line
  payments-01.txt      Zengin 振込入金通知 (種別コード 01), records ended by
                       CR LF, with a cancelled notice and its cancellation
  payments-03.txt      Zengin 入出金取引明細 (03), records back to back, with
                       a withdrawal and a cash deposit (no payments)
  payments.csv         a net-banking CSV export in CP932 (取引日, お取引内容
                       "振込 ﾔﾏﾀﾞ ﾀﾛｳ", お預り金額 "10,000", お引出し金額)
  payments-utf8.csv    the same in UTF-8 with other column names (日付,
                       振込依頼人名, 入金額) and dates in other forms

Each application is one case of the issue (CASES below: its expected
status), the payment for nobody is unclaimed.  tests/test_reconcile.py
reads CASES from here, so the expectations live in one place.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FEE = 10000

# (case, base example, certification number (its qualification is the
#  base's), payer name as written, name_kana, company_kana, expected
#  status, the applicant's name)
CASES = [
    ("plain kana", "eligible", "OMP-100001", "ヤマダ タロウ", "やまだ たろう",
     None, "paid", "山田 太郎"),
    ("small kana written large", "eligible", "OMP-100002", "キッカワ ジュンイチ",
     "きっかわ じゅんいち", None, "paid", "吉川 純一"),
    ("long vowel", "incomplete", "CAP-100003", "ジョージ スミス",
     "じょーじ すみす", None, "paid", "ジョージ・スミス"),
    ("hiragana payer", "eligible", "OMP-100004", "さとう はなこ",
     "さとう はなこ", None, "paid", "佐藤 花子"),
    ("kanji payer, kana fallback", "ineligible", "OMP-100005", "鈴木 一郎",
     "すずき いちろう", None, "paid", "鈴木 一郎"),
    ("full-width Latin and a legal entity", "eligible", "OMP-100006",
     "ＡＢＣトレーディング株式会社", "えーびーしー たろう", None, "paid", "海老子 太郎"),
    ("company payer in kanji, company kana", "incomplete", "CAP-100007",
     "株式会社未来テック", "こうの けん", "みらいてっく", "paid", "河野 健"),
    ("Latin letters", "eligible", "OMP-100008", "Ｊｏｈｎ Ｂｒｏｗｎ",
     "じょん ぶらうん", None, "paid", "John Brown"),
    ("namesake 1", "eligible", "OMP-100009", "タナカ ケンジ", "たなか けんじ",
     None, "ambiguous", "田中 健二"),
    ("namesake 2", "ineligible", "OMP-100010", "タナカ ケンジ",
     "たなか けんじ", None, "ambiguous", "田中 健二"),
    ("paid twice", "eligible", "OMP-100011", "ヤマモト ケイ", "やまもと けい",
     None, "ambiguous", "山本 圭"),
    ("wrong amount", "incomplete", "CAP-100012", "イトウ サクラ",
     "いとう さくら", None, "amount_differs", "伊藤 さくら"),
    ("paid before the window", "eligible", "OMP-100013", "ワタナベ マコト",
     "わたなべ まこと", None, "outside_window", "渡辺 誠"),
    ("not paid", "ineligible", "OMP-100014", "コバヤシ ユミ", "こばやし ゆみ",
     None, "unpaid", "小林 由美"),
]

# The bank's record: (name as the bank writes it, amount, date) in file
# order.  The dates are 2027 (令和9) unless said.
PAYMENTS = [
    ("ﾔﾏﾀﾞ ﾀﾛｳ", 10000, (2027, 1, 20)),
    ("ｷﾂｶﾜ ｼﾞﾕﾝｲﾁ", 10000, (2027, 1, 21)),
    ("ｼﾞﾖ-ｼﾞ ｽﾐｽ", 10000, (2027, 1, 21)),
    ("ｻﾄｳ ﾊﾅｺ", 10000, (2027, 1, 22)),
    ("ｽｽﾞｷ ｲﾁﾛｳ", 10000, (2027, 1, 25)),
    ("ABCﾄﾚ-ﾃﾞｲﾝｸﾞ(ｶ", 10000, (2027, 1, 26)),
    ("ｶ)ﾐﾗｲﾃﾂｸ", 10000, (2027, 2, 1)),
    ("JOHN BROWN", 10000, (2027, 2, 2)),
    ("ﾀﾅｶ ｹﾝｼﾞ", 10000, (2027, 2, 3)),
    ("ﾔﾏﾓﾄ ｹｲ", 10000, (2027, 2, 4)),
    ("ﾔﾏﾓﾄ ｹｲ", 10000, (2027, 2, 5)),
    ("ｲﾄｳ ｻｸﾗ", 9560, (2027, 2, 8)),
    ("ﾜﾀﾅﾍﾞ ﾏｺﾄ", 10000, (2026, 12, 15)),
    ("ﾅｶﾑﾗ ﾀﾞｲｽｹ", 10000, (2027, 2, 9)),
]
UNCLAIMED = ["ﾅｶﾑﾗ ﾀﾞｲｽｹ"]


def reiwa(d):
    y, m, day = d
    return "%02d%02d%02d" % (y - 2018, m, day)


def sjis(text, width):
    b = text.encode("cp932")
    assert len(b) <= width, text
    return b + b" " * (width - len(b))


def num(v, width):
    s = b"%d" % v
    assert len(s) <= width
    return b"0" * (width - len(s)) + s


def record(*parts):
    r = b"".join(parts)
    assert len(r) == 200, len(r)
    return r


def zengin_01():
    recs = [record(b"1", b"01", b"0", reiwa((2027, 2, 10)).encode(),
                   reiwa((2026, 12, 1)).encode(), reiwa((2027, 2, 10)).encode(),
                   b"0005", sjis("ｺﾝｹﾝｷﾞﾝｺｳ", 15), b"123",
                   sjis("ﾎﾝﾃﾝ", 15), b"1", b"1234567",
                   sjis("ｼﾔ)ﾆﾎﾝｺﾝﾀｸﾄｾﾝﾀ-ｷﾖｳｲｸｹﾝﾃｲｷﾖｳｶｲ", 40), b" " * 93)]
    rows = []
    ref = 0
    for name, amount, day in PAYMENTS:
        ref += 1
        rows.append((ref, name, amount, day, b" "))
        if ref == 4:
            # a notice sent by mistake, then cancelled (取消区分 1)
            rows.append((90, "ﾔﾏﾀﾞ ﾀﾛｳ", 10000, (2027, 1, 22), b" "))
            rows.append((90, "ﾔﾏﾀﾞ ﾀﾛｳ", 10000, (2027, 1, 22), b"1"))
    total = cancels = total_sum = cancel_sum = 0
    for ref, name, amount, day, cancel in rows:
        d = reiwa(day).encode()
        recs.append(record(b"2", num(ref, 6), d, d, num(amount, 10),
                           num(0, 10), b" " * 10, sjis(name, 48),
                           sjis("ｻﾝﾌﾟﾙｷﾞﾝｺｳ", 15), sjis("ｴｷﾏｴ", 15), cancel,
                           b" " * 20, b" " * 52))
        total += 1
        total_sum += amount
        if cancel == b"1":
            cancels += 1
            cancel_sum += amount
    recs.append(record(b"8", num(total, 6), num(total_sum, 12),
                       num(cancels, 6), num(cancel_sum, 12), b" " * 163))
    recs.append(record(b"9", b" " * 199))
    return b"".join(r + b"\r\n" for r in recs)


def zengin_03():
    recs = [record(b"1", b"03", b"0", reiwa((2027, 2, 10)).encode(),
                   reiwa((2026, 12, 1)).encode(), reiwa((2027, 2, 10)).encode(),
                   b"0005", sjis("ｺﾝｹﾝｷﾞﾝｺｳ", 15), b"123",
                   sjis("ﾎﾝﾃﾝ", 15), b"000", b"1", num(1234567, 10),
                   sjis("ｼﾔ)ﾆﾎﾝｺﾝﾀｸﾄｾﾝﾀ-ｷﾖｳｲｸｹﾝﾃｲｷﾖｳｶｲ", 40), b"1", b"1",
                   num(5000000, 14), b" " * 71)]
    rows = []
    ref = 0
    for name, amount, day in PAYMENTS:
        ref += 1
        rows.append((ref, b"1", b"11", name, amount, day))
        if ref == 2:
            rows.append((500, b"2", b"14", "", 3300, (2027, 1, 21)))
            rows.append((501, b"1", b"10", "ｹﾞﾝｷﾝ", 50000, (2027, 1, 21)))
    ins = outs = in_sum = out_sum = 0
    for ref, io, kind, name, amount, day in rows:
        d = reiwa(day).encode()
        recs.append(record(b"2", num(ref, 8), d, d, io, kind, num(amount, 12),
                           num(0, 12), b"000000", b"000000", b" ", b" " * 7,
                           b"123", b" " * 10, sjis(name, 48),
                           sjis("ｻﾝﾌﾟﾙｷﾞﾝｺｳ", 15), sjis("ｴｷﾏｴ", 15),
                           b" " * 20, b" " * 20, b" "))
        if io == b"1":
            ins += 1
            in_sum += amount
        else:
            outs += 1
            out_sum += amount
    recs.append(record(b"8", num(ins, 6), num(in_sum, 13), num(outs, 6),
                       num(out_sum, 13), b"1", num(5000000, 14),
                       num(len(rows), 7), b" " * 139))
    recs.append(record(b"9", b" " * 199))
    return b"".join(recs)


def csv_cp932():
    lines = ["取引日,お取引内容,お預り金額,お引出し金額,残高"]
    balance = 1000000
    for i, (name, amount, day) in enumerate(PAYMENTS):
        balance += amount
        lines.append('%d/%02d/%02d,振込 %s,"%s",,"%s"' % (
            day[0], day[1], day[2], name, "{:,}".format(amount),
            "{:,}".format(balance)))
        if i == 2:
            balance -= 3300
            lines.append('2027/01/21,ﾃｽｳﾘﾖｳ,,"3,300","{:,}"'.format(balance))
    return ("\r\n".join(lines) + "\r\n").encode("cp932")


def csv_utf8():
    lines = ["日付,振込依頼人名,入金額"]
    for name, amount, day in PAYMENTS:
        y, m, d = day
        lines.append("令和%d年%d月%d日,%s,%d" % (y - 2018, m, d, name, amount))
    return ("\n".join(lines) + "\n").encode("utf-8")


def applications():
    bases = {}
    for b in ("eligible", "incomplete", "ineligible"):
        with open(os.path.join(ROOT, "examples", b + ".json"),
                  encoding="utf-8") as f:
            bases[b] = json.load(f)
    out = []
    for i, (case, base, number, payer, kana, company_kana, _, name) in \
            enumerate(CASES):
        app = json.loads(json.dumps(bases[base]))
        assert number.startswith(app["qualification"] + "-"), number
        app["certification"]["number"] = number
        app["applicant"]["name_kana"] = kana
        app["applicant"]["name"] = name
        app["applicant"]["email"] = "holder%02d@example.jp" % (i + 1)
        if company_kana:
            app["applicant"]["company"] = payer
            app["applicant"]["company_kana"] = company_kana
        else:
            app["applicant"].pop("company", None)
            app["applicant"].pop("company_kana", None)
        app["fee"]["payer_name"] = payer
        out.append(json.dumps(app, ensure_ascii=False, separators=(",", ":")))
    return ("\n".join(out) + "\n").encode("utf-8")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    files = {
        "applications.ndjson": applications(),
        "payments-01.txt": zengin_01(),
        "payments-03.txt": zengin_03(),
        "payments.csv": csv_cp932(),
        "payments-utf8.csv": csv_utf8(),
    }
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
