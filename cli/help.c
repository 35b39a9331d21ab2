/* help.c - every --help text of `cpd`, in English and in Japanese, in one
 * table.  A new command adds one row here and calls cli_help() when its
 * parser sets the help flag; tests/help/ holds the goldens of both
 * languages and tests/test_help.py compares them and the man pages. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* ------------------------------------------------------------ cpd --help */

static const char top_en[] =
    "Usage: cpd COMMAND [OPTIONS]\n"
    "\n"
    "Checks CPD renewal applications (OMP / CAP) against the renewal rules.\n"
    "\n"
    "Commands:\n"
    "  check FILE|-   evaluate one application (JSON)\n"
    "  batch [FILE|-] evaluate one application per line (NDJSON)\n"
    "  policy         print the policy in force as JSON\n"
    "  plan FILE|-    plan ahead: points so far, room left, what is still\n"
    "                 needed (--as-of DATE)\n"
    "  audit ROSTER   select holders for the annual audit (--rate, --seed)\n"
    "  redact FILE|-  the application with personal data masked\n"
    "  report FILE|-  the filled-in form as one HTML page, or --format text\n"
    "                 (-o OUT, --include-personal)\n"
    "  import-csv CSV an application from a spreadsheet of activities\n"
    "                 (--applicant APPLICANT.json, -o OUT)\n"
    "  serve          the form as a web page that checks as you type, and a\n"
    "                 JSON API over HTTP (--listen ADDR:PORT)\n"
    "  explain NAME   what a diagnostic code or a rule (R1-R16) means, with\n"
    "                 the form's own words (--list: every code and rule)\n"
    "  reconcile APPLICATIONS PAYMENTS\n"
    "                 match the fee payments of the bank's record (Zengin or\n"
    "                 CSV) to the applications (--fee YEN)\n"
    "  notices APPLICATIONS\n"
    "                 one result e-mail per application, written to a\n"
    "                 directory (--from ADDRESS, -o DIR, --reconcile RESULT)\n"
    "\n"
    "Options:\n"
    "  --policy FILE       a policy document merged over the default\n"
    "  --format FORMAT     check: json (default), text, or csv (one row per\n"
    "                      activity, for spreadsheets)\n"
    "  --lang ja|en        language of text output (default: ja when the\n"
    "                      first set of LC_ALL, LC_MESSAGES, LANG starts\n"
    "                      with ja, else en)\n"
    "  --help, -h          this help (also: cpd COMMAND --help)\n"
    "  --version           the version\n"
    "\n"
    "Exit status:\n"
    "  0  eligible (batch: every line was evaluated)\n"
    "  1  incomplete or ineligible\n"
    "  2  input error: the application (or policy) cannot be evaluated;\n"
    "     batch: at least one line was an input error\n"
    "  3  usage error\n"
    "  4  a file could not be read or written\n"
    "  5  out of memory\n"
    "\n"
    "The manual: man cpd (in Japanese: man -L ja cpd).\n";

static const char top_ja[] =
    "使い方: cpd コマンド [オプション]\n"
    "\n"
    "プロフェッショナル資格（OMP・CAP）の更新審査申請を、更新の規程と\n"
    "CPD 方針に照らして確認します。\n"
    "\n"
    "コマンド:\n"
    "  check FILE|-   申請書（JSON）を 1 件判定する\n"
    "  batch [FILE|-] 1 行 1 件の申請書（NDJSON）をまとめて判定する\n"
    "  policy         適用される方針を JSON で表示する\n"
    "  plan FILE|-    申請前の見通し: これまでのポイント、区分ごとの残り枠、\n"
    "                 あと何が必要か（--as-of DATE）\n"
    "  audit ROSTER   年次監査の対象者を抽出する（--rate, --seed）\n"
    "  redact FILE|-  個人情報を伏せた申請書を出力する\n"
    "  report FILE|-  記入済みの申請書様式を 1 枚の HTML に出力する。\n"
    "                 --format text なら端末に表示する\n"
    "                 （-o OUT, --include-personal）\n"
    "  import-csv CSV 活動一覧の表（CSV）から申請書を作る\n"
    "                 （--applicant APPLICANT.json, -o OUT）\n"
    "  serve          入力しながら判定する申請フォーム（Web ページ）と\n"
    "                 HTTP の JSON API を提供する（--listen ADDR:PORT）\n"
    "  explain NAME   診断コードまたはルール（R1〜R16）の意味を、申請\n"
    "                 フォームの記載とともに示す（--list: 一覧）\n"
    "  reconcile APPLICATIONS PAYMENTS\n"
    "                 銀行の入金記録（全銀または CSV）の手数料の入金を申請と\n"
    "                 照合する（--fee YEN）\n"
    "  notices APPLICATIONS\n"
    "                 申請ごとの審査結果の Eメールをディレクトリに書き出す\n"
    "                 （--from ADDRESS, -o DIR, --reconcile RESULT）\n"
    "\n"
    "オプション:\n"
    "  --policy FILE       既定の方針に重ねる方針ファイル\n"
    "  --format FORMAT     check の出力形式: json（既定）、text、csv（活動\n"
    "                      ごとに 1 行、表計算ソフト向け）\n"
    "  --lang ja|en        文章で出力するときの言語（既定: LC_ALL,\n"
    "                      LC_MESSAGES, LANG のうち最初に設定されている\n"
    "                      ものが ja で始まれば日本語、それ以外は英語）\n"
    "  --help, -h          このヘルプ（各コマンドは cpd コマンド --help）\n"
    "  --version           バージョンを表示する\n"
    "\n"
    "終了ステータス:\n"
    "  0  更新可（batch: すべての行を判定できた）\n"
    "  1  要修正 または 更新不可\n"
    "  2  入力エラー: 申請書（または方針）を判定できない。\n"
    "     batch: 入力エラーの行が 1 行以上あった\n"
    "  3  使い方の誤り\n"
    "  4  ファイルを読み書きできなかった\n"
    "  5  メモリ不足\n"
    "\n"
    "マニュアル: man -L ja cpd（英語版は man cpd）\n";

/* ------------------------------------------------------------------ check */

static const char check_en[] =
    "Usage: cpd check FILE|- [--policy FILE] [--format json|text|csv]\n"
    "                 [--lang ja|en]\n"
    "\n"
    "Evaluates one application document (JSON.md).  With --format json the\n"
    "result document goes to stdout, or the error document for an input\n"
    "error; --format text prints a readable verdict; --format csv one row\n"
    "per activity (index, id, section, year, claimed, counted, status,\n"
    "diagnostics) as UTF-8 with BOM and CRLF, as Excel opens it.\n"
    "Exit: 0 eligible, 1 incomplete or ineligible, 2 input error, 3 usage,\n"
    "4 I/O, 5 memory.\n";

static const char check_ja[] =
    "使い方: cpd check FILE|- [--policy FILE] [--format json|text|csv]\n"
    "                  [--lang ja|en]\n"
    "\n"
    "申請書（JSON.md の申請書文書）を 1 件判定します。--format json では\n"
    "判定結果の文書を標準出力に書き出します。入力エラーのときはエラー文書を\n"
    "書き出します。--format text は読みやすい判定結果を表示します。\n"
    "--format csv は活動ごとに 1 行（index, id, section, year, claimed,\n"
    "counted, status, diagnostics）を、Excel でそのまま開ける BOM 付き\n"
    "UTF-8・CRLF で書き出します。\n"
    "終了ステータス: 0 更新可、1 要修正または更新不可、2 入力エラー、\n"
    "3 使い方の誤り、4 入出力エラー、5 メモリ不足。\n";

/* ------------------------------------------------------------------ batch */

static const char batch_en[] =
    "Usage: cpd batch [FILE|-] [--policy FILE]\n"
    "\n"
    "One application per line (NDJSON) in, one result or error document per\n"
    "line out, in order, each with \"line\": N (the 1-based input line).\n"
    "Blank lines are skipped; CRLF and a missing final newline are fine.\n"
    "Memory stays constant whatever the input size.  A summary goes to\n"
    "stderr, with progress while it runs when stderr is a terminal.\n"
    "Exit: 0 all lines evaluated, 2 some line was an input error, 3 usage,\n"
    "4 I/O, 5 memory.\n";

static const char batch_ja[] =
    "使い方: cpd batch [FILE|-] [--policy FILE]\n"
    "\n"
    "1 行に 1 件の申請書（NDJSON）を読み、1 行に 1 件の判定結果または\n"
    "エラー文書を、入力と同じ順に書き出します。各行には \"line\": N（入力の\n"
    "行番号、1 から数える）が付きます。空行は読み飛ばします。改行が CRLF\n"
    "でも、最後の行に改行がなくてもかまいません。入力がどれだけ大きくても\n"
    "メモリ使用量は一定です。集計は標準エラー出力に書き出し、標準エラー\n"
    "出力が端末なら処理中の進み具合も表示します。\n"
    "終了ステータス: 0 すべての行を判定できた、2 入力エラーの行があった、\n"
    "3 使い方の誤り、4 入出力エラー、5 メモリ不足。\n";

/* ----------------------------------------------------------------- policy */

static const char policy_en[] =
    "Usage: cpd policy [--policy FILE]\n"
    "\n"
    "Prints the policy in force (the default, or FILE merged over it) as a\n"
    "complete policy document.\n";

static const char policy_ja[] =
    "使い方: cpd policy [--policy FILE]\n"
    "\n"
    "適用される方針（既定の方針、または既定に FILE を重ねたもの）を、\n"
    "すべての項目がそろった方針文書として表示します。\n";

/* ------------------------------------------------------------------- plan */

static const char plan_en[] =
    "Usage: cpd plan FILE|- --as-of DATE [--policy FILE] [--format json|text]\n"
    "                [--lang ja|en]\n"
    "\n"
    "Plans ahead for an application in progress (applied_on not needed):\n"
    "points counted so far and still needed, the room left in each section\n"
    "that can still take activities, the window and the days until it\n"
    "opens and closes, whether the requirement can still be met by the\n"
    "window's close, and what is already wrong.  DATE is any date form the\n"
    "application accepts (2026-11-28, 令和8年11月28日, R8.11.28); there is\n"
    "no default: the tool never reads the clock.\n"
    "\n"
    "Exit: 0 reachable (or already met), 1 no longer reachable, 2 input\n"
    "error, 3 usage, 4 I/O, 5 memory.\n";

static const char plan_ja[] =
    "使い方: cpd plan FILE|- --as-of DATE [--policy FILE]\n"
    "                 [--format json|text] [--lang ja|en]\n"
    "\n"
    "作成中の申請書（applied_on はなくてもかまいません）について、DATE\n"
    "時点の見通しを示します。示すのは、これまでに算入されるポイントと\n"
    "あと必要なポイント、まだ活動を追加できる区分ごとの残り枠、受付期間と\n"
    "受付開始・終了までの日数、受付期間の終わりまでに必要なポイントに\n"
    "届くかどうか、すでに見つかっている不備です。DATE は申請書と同じ\n"
    "書き方ができます（2026-11-28、令和8年11月28日、R8.11.28）。既定の\n"
    "日付はありません（cpd はコンピューターの時計を参照しません）。\n"
    "\n"
    "終了ステータス: 0 まだ届く（またはすでに満たしている）、1 もう届かない、\n"
    "2 入力エラー、3 使い方の誤り、4 入出力エラー、5 メモリ不足。\n";

/* ------------------------------------------------------------------ audit */

static const char audit_en[] =
    "Usage: cpd audit ROSTER|- --rate R --seed S [--stratify]\n"
    "                 [--include N1,N2,...] [--selected-only] [--lang ja|en]\n"
    "\n"
    "Selects holders for the annual audit (年次監査).  ROSTER holds one JSON\n"
    "object per line: an application document (certification.number,\n"
    "qualification) or {\"number\": \"...\", \"qualification\": \"...\"}.\n"
    "Blank lines are skipped; CRLF is fine; a bad line is reported on stderr\n"
    "with its line number and the run goes on.\n"
    "\n"
    "A holder is selected when the SipHash-2-4 of the certification number\n"
    "(NFKC-normalised, dashes as '-', letters upper case), keyed by the\n"
    "seed, falls under the rate: the same seed and roster always select the\n"
    "same holders, whatever the order.  An --include number that matches\n"
    "no holder is warned about.\n"
    "\n"
    "Options:\n"
    "  --rate R         0 to 1 with at most 6 decimals (0.05), or a\n"
    "                   percentage (5%)\n"
    "  --seed S         a whole number from 0 to 18446744073709551615\n"
    "  --stratify       exactly ceil(R x n) holders of each qualification\n"
    "                   (the lowest hashes) instead of the threshold\n"
    "  --include LIST   certification numbers always selected (comma-\n"
    "                   separated; may be repeated)\n"
    "  --selected-only  print only the selected holders\n"
    "\n"
    "Output, one line per holder:\n"
    "  {\"line\": 3, \"number\": \"OMP-000123\", \"qualification\": \"OMP\",\n"
    "   \"selected\": true, \"reason\": \"sampled\"}\n"
    "reason: sampled | stratum | included | not_sampled.\n"
    "\n"
    "Exit: 0 every line was read, 2 some line was bad, 3 usage, 4 I/O,\n"
    "5 memory.\n";

static const char audit_ja[] =
    "使い方: cpd audit ROSTER|- --rate R --seed S [--stratify]\n"
    "                  [--include N1,N2,...] [--selected-only] [--lang ja|en]\n"
    "\n"
    "年次監査の対象者を抽出します。名簿 ROSTER には 1 行に 1 件の JSON\n"
    "オブジェクトを書きます。申請書（certification.number と qualification\n"
    "を使います）か、{\"number\": \"...\", \"qualification\": \"...\"} です。\n"
    "空行は読み飛ばし、改行が CRLF でもかまいません。読めない行は行番号を\n"
    "添えて標準エラー出力に示し、処理は続けます。\n"
    "\n"
    "認定番号（NFKC で正規化し、ハイフン類を '-' に、英字を大文字にした\n"
    "もの）の SipHash-2-4（seed を鍵とする）が抽出率を下回る人が選ばれます。\n"
    "同じ seed と名簿なら、行の順序によらずいつも同じ人が選ばれます。\n"
    "--include の認定番号が名簿の誰とも一致しないときは注意を出します。\n"
    "\n"
    "オプション:\n"
    "  --rate R         抽出率。0 から 1 まで、小数第 6 位まで（0.05）、\n"
    "                   または百分率（5%）\n"
    "  --seed S         0 から 18446744073709551615 までの整数\n"
    "  --stratify       しきい値の代わりに、資格ごとにちょうど ceil(R x n)\n"
    "                   人（ハッシュ値の小さい順）を選ぶ\n"
    "  --include LIST   必ず選ぶ認定番号（カンマ区切り。何度でも指定できる）\n"
    "  --selected-only  選ばれた人だけを出力する\n"
    "\n"
    "出力（1 人 1 行）:\n"
    "  {\"line\": 3, \"number\": \"OMP-000123\", \"qualification\": \"OMP\",\n"
    "   \"selected\": true, \"reason\": \"sampled\"}\n"
    "reason: sampled（抽出）| stratum（資格ごとの抽出）| included（指定）|\n"
    "not_sampled（対象外）\n"
    "\n"
    "終了ステータス: 0 すべての行を読めた、2 読めない行があった、\n"
    "3 使い方の誤り、4 入出力エラー、5 メモリ不足。\n";

/* ----------------------------------------------------------------- redact */

static const char redact_en[] =
    "Usage: cpd redact FILE|- [-o OUT] [--lang ja|en]\n"
    "\n"
    "Prints the application (JSON) with the applicant's personal data\n"
    "masked, so a case can be shared: name, name_kana and fee.payer_name\n"
    "become initials (山田 太郎 -> 山. 太.), the address its prefecture,\n"
    "the postal code keeps its first 3 digits (100-****), phone and mobile\n"
    "their last 4 (**-****-5678), the e-mail its first letter and domain\n"
    "(t***@example.jp).  Everything else - certification number, company,\n"
    "dates, activities - is kept in its order.  `cpd check` on the output\n"
    "gives the original's result except for diagnostics of those fields.\n"
    "\n"
    "  -o, --output OUT  write to OUT instead of stdout\n"
    "\n"
    "Exit: 0 written, 2 input error (not valid JSON, ...; on stderr),\n"
    "3 usage, 4 I/O, 5 memory.\n";

static const char redact_ja[] =
    "使い方: cpd redact FILE|- [-o OUT] [--lang ja|en]\n"
    "\n"
    "申請書（JSON）を、申請者の個人情報を伏せて出力します。事例を共有する\n"
    "ためのものです。氏名、氏名（かな）、振込名義はイニシャルに\n"
    "（山田 太郎 -> 山. 太.）、住所は都道府県だけに、郵便番号は先頭 3 桁\n"
    "だけに（100-****）、電話番号と携帯電話番号は末尾 4 桁だけに\n"
    "（**-****-5678）、Eメールアドレスは先頭の 1 文字とドメインだけに\n"
    "（t***@example.jp）します。認定番号、所属先、日付、活動などそれ以外\n"
    "は、元の順のまま残します。出力を `cpd check` にかけると、これらの項目\n"
    "についての指摘を除いて、元の申請書と同じ結果になります。\n"
    "\n"
    "  -o, --output OUT  標準出力の代わりに OUT に書き出す\n"
    "\n"
    "終了ステータス: 0 書き出した、2 入力エラー（JSON として正しくない\n"
    "など。標準エラー出力に表示）、3 使い方の誤り、4 入出力エラー、\n"
    "5 メモリ不足。\n";

/* ----------------------------------------------------------------- report */

static const char report_en[] =
    "Usage: cpd report FILE|- [--format html|text] [-o OUT]\n"
    "                  [--include-personal] [--policy FILE] [--lang ja|en]\n"
    "\n"
    "The application filled in on the association's form, with the result:\n"
    "--format html (the default) writes one self-contained HTML page (no\n"
    "network, inline CSS and SVG) that prints on A4 as the paper form:\n"
    "申請者情報, the sections A, B-1 ... D-3 with their rows, 合計 and 上限,\n"
    "the decision, window and problems, and a chart of the points counted\n"
    "against each cap and against the requirement.  Personal details (name,\n"
    "address, phone, e-mail, company, payer name) are left out unless\n"
    "--include-personal is given.  --format text prints the terminal report\n"
    "with titles and dates.\n"
    "\n"
    "Exit: 0 eligible, 1 incomplete or ineligible (the report is written\n"
    "all the same), 2 input error, 3 usage, 4 I/O, 5 memory.\n";

static const char report_ja[] =
    "使い方: cpd report FILE|- [--format html|text] [-o OUT]\n"
    "                   [--include-personal] [--policy FILE] [--lang ja|en]\n"
    "\n"
    "申請書を協会の様式に記入した形で、判定結果を添えて出力します。\n"
    "--format html（既定）は、それだけで完結する 1 枚の HTML ページ\n"
    "（ネットワークを使わず、CSS と SVG は埋め込み）を書き出します。A4 で\n"
    "印刷すると紙の申請書と同じ形になります。載せるのは、申請者情報、\n"
    "区分 A、B-1 … D-3 の各行、合計と上限、判定・受付期間・指摘事項、\n"
    "そして区分ごとの上限と必要ポイントに対する算入ポイントのグラフです。\n"
    "個人情報（氏名、住所、電話番号、Eメールアドレス、所属先、振込名義）\n"
    "は --include-personal を付けたときだけ載せます。--format text は、\n"
    "名称と修了日の入った端末向けの表示です。\n"
    "\n"
    "終了ステータス: 0 更新可、1 要修正または更新不可（それでも出力は\n"
    "書き出します）、2 入力エラー、3 使い方の誤り、4 入出力エラー、\n"
    "5 メモリ不足。\n";

/* ------------------------------------------------------------- import-csv */

static const char import_en[] =
    "Usage: cpd import-csv ACTIVITIES.csv|- --applicant APPLICANT.json\n"
    "                      [-o OUT] [--encoding auto|utf-8|cp932]\n"
    "                      [--policy FILE] [--lang ja|en]\n"
    "\n"
    "Builds an application document (JSON.md) from a spreadsheet of\n"
    "activities and an applicant document (an application document without\n"
    "activities: applied_on, qualification, certification, applicant, fee,\n"
    "oath_agreed).  The CSV may be UTF-8 (with or without BOM) or\n"
    "Shift_JIS/CP932 as Japanese Excel saves it (--encoding auto tells them\n"
    "apart).  The first non-blank row names the columns, as on the form or\n"
    "in English:\n"
    "  受講講座・研修名 / 個人学習内容 / 活動内容 / title          (required)\n"
    "  研修修了日 / 学習修了日 / 活動修了日 / completed_on        (required)\n"
    "  学習時間 / 学習（受講）時間 / 活動時間 / hours              (required)\n"
    "  カテゴリ / カテゴリー / category: A, B, C, D, or B-1 ... D-3\n"
    "    (the year)                                                (required)\n"
    "  CPDポイント / points, 年目 / year (1 up to the policy's years), id,\n"
    "  証明書類 / evidence (file names separated by ; ； or line breaks),\n"
    "  コンピテンシー / competencies (codes separated by ; , 、 or spaces)\n"
    "Blank rows are skipped.  Every bad row is reported with its row number\n"
    "(as a spreadsheet numbers rows: the header is row 1) and nothing is\n"
    "written; no row is ever dropped silently.  The rows are judged by the\n"
    "policy in force (--policy FILE: a policy document merged over the\n"
    "default).\n"
    "\n"
    "Exit: 0 written, 2 a bad row or applicant document, 3 usage, 4 I/O,\n"
    "5 memory.\n";

static const char import_ja[] =
    "使い方: cpd import-csv ACTIVITIES.csv|- --applicant APPLICANT.json\n"
    "                       [-o OUT] [--encoding auto|utf-8|cp932]\n"
    "                       [--policy FILE] [--lang ja|en]\n"
    "\n"
    "活動一覧の表（CSV）と申請者文書（活動を除いた申請書: applied_on、\n"
    "qualification、certification、applicant、fee、oath_agreed）から、\n"
    "申請書（JSON.md）を作ります。CSV は UTF-8（BOM はあってもなくても\n"
    "よい）か、日本語版 Excel が保存する Shift_JIS/CP932 です\n"
    "（--encoding auto で見分けます）。空行でない最初の行が列名で、様式\n"
    "どおりの日本語でも英語でもかまいません。\n"
    "  受講講座・研修名 / 個人学習内容 / 活動内容 / title           必須\n"
    "  研修修了日 / 学習修了日 / 活動修了日 / completed_on         必須\n"
    "  学習時間 / 学習（受講）時間 / 活動時間 / hours               必須\n"
    "  カテゴリ / カテゴリー / category: A, B, C, D、または年目つきの\n"
    "    B-1 … D-3                                                   必須\n"
    "  CPDポイント / points、年目 / year（1 から方針の年数まで）、id、\n"
    "  証明書類 / evidence（ファイル名を ; か ； で区切るか、1 行に 1 つ）、\n"
    "  コンピテンシー / competencies（コードを ; , 、 か空白で区切る）\n"
    "空行は読み飛ばします。誤りのある行はすべて行番号（表計算ソフトと\n"
    "同じく見出しが 1 行目）を添えて示し、そのときは何も書き出しません。\n"
    "黙って捨てる行はありません。行は適用される方針で判定します\n"
    "（--policy FILE: 既定の方針に重ねる方針ファイル）。\n"
    "\n"
    "終了ステータス: 0 書き出した、2 誤りのある行または申請者文書、\n"
    "3 使い方の誤り、4 入出力エラー、5 メモリ不足。\n";

/* ------------------------------------------------------------------ serve */

static const char serve_en[] =
    "Usage: cpd serve [--listen ADDR:PORT] [--policy FILE] [--threads N]\n"
    "                 [--allow-origin ORIGIN] [--max-connections N]\n"
    "                 [--max-per-client N] [--timeout SECONDS]\n"
    "                 [--access-log stderr|none]\n"
    "\n"
    "Serves the renewal form as a web page that checks the application as\n"
    "it is typed, and a JSON API (docs/API.md): POST /v1/check, /v1/plan,\n"
    "/v1/redact, /v1/report; GET /v1/policy, /v1/explain/CODE, /v1/fields,\n"
    "/v1/labels, /v1/sections (the library's tables the page reads),\n"
    "/healthz.\n"
    "Nothing is stored: the access log has method, path, status, bytes and\n"
    "time only.\n"
    "\n"
    "  --listen ADDR:PORT     where to listen (default 127.0.0.1:8080; port 0\n"
    "                         takes a free port, shown on stderr)\n"
    "  --policy FILE          a policy document merged over the default\n"
    "  --threads N            worker threads, each with its own checker\n"
    "                         (default: the number of CPUs)\n"
    "  --allow-origin ORIGIN  let pages of ORIGIN (or *) call the API (CORS);\n"
    "                         no other origin by default\n"
    "  --max-connections N    at most N open connections: a new one takes the\n"
    "                         place of the one waiting longest; an upload\n"
    "                         with no place is answered 503 (512)\n"
    "  --max-per-client N     at most N connections from one address (0, the\n"
    "                         default: no cap; leave it so behind a proxy)\n"
    "  --timeout SECONDS      a request head must be complete, and a stalled\n"
    "                         or dripping body is closed, within SECONDS (15)\n"
    "  --access-log stderr|none  the access log (default stderr)\n"
    "\n"
    "SIGINT or SIGTERM stops it; requests in flight finish first.\n"
    "Exit: 0 stopped, 2 policy refused, 3 usage, 4 cannot listen, 5 memory.\n";

static const char serve_ja[] =
    "使い方: cpd serve [--listen ADDR:PORT] [--policy FILE] [--threads N]\n"
    "                  [--allow-origin ORIGIN] [--max-connections N]\n"
    "                  [--max-per-client N] [--timeout SECONDS]\n"
    "                  [--access-log stderr|none]\n"
    "\n"
    "更新審査申請フォームを、入力しながら判定できる Web ページとして提供し、\n"
    "JSON の API（docs/API.md）も提供します: POST /v1/check、/v1/plan、\n"
    "/v1/redact、/v1/report、GET /v1/policy、/v1/explain/CODE、/v1/fields、\n"
    "/v1/labels、/v1/sections（ページが読むライブラリの表）、/healthz。\n"
    "何も保存しません。アクセスログはメソッド、パス、ステータス、バイト数、\n"
    "処理時間だけです。\n"
    "\n"
    "  --listen ADDR:PORT     待ち受けるアドレス（既定 127.0.0.1:8080。\n"
    "                         ポート 0 なら空きポートを使い、標準エラー出力に\n"
    "                         表示する）\n"
    "  --policy FILE          既定の方針に重ねる方針ファイル\n"
    "  --threads N            ワーカースレッドの数。スレッドごとに判定器を\n"
    "                         持つ（既定: CPU の数）\n"
    "  --allow-origin ORIGIN  ORIGIN（または *）のページから API を呼ぶことを\n"
    "                         許可する（CORS）。既定ではほかの origin は不可\n"
    "  --max-connections N    開いておく接続は N "
    "まで。新しい接続は最も長く待って\n"
    "                         いる接続と入れ替え、入れ替えられないときの\n"
    "                         アップロードには 503 を返す（512）\n"
    "  --max-per-client N     1 つのアドレスからの接続の上限（既定 0: "
    "上限なし。\n"
    "                         リバースプロキシの後ろでは 0 のままにする）\n"
    "  --timeout SECONDS      "
    "リクエストヘッダーはこの秒数以内に届く必要があり、\n"
    "                         "
    "止まった本文や少しずつ送られる本文も閉じる（15）\n"
    "  --access-log stderr|none  アクセスログ（既定 stderr）\n"
    "\n"
    "SIGINT か SIGTERM で停止します。処理中のリクエストは最後まで処理します。\n"
    "終了ステータス: 0 停止した、2 方針が正しくない、3 使い方の誤り、\n"
    "4 待ち受けできない、5 メモリ不足。\n";
/* ---------------------------------------------------------------- explain */

static const char explain_en[] =
    "Usage: cpd explain CODE|RULE [--lang ja|en] [--format text|json]\n"
    "       cpd explain --list [--lang ja|en]\n"
    "\n"
    "What a diagnostic code (section.capped, fee.late, input.syntax, ...)\n"
    "or a rule ID (R1 to R16) means: the code's severity and rule, then the\n"
    "rule as libcpd applies it, the words of the form and CPD policy it\n"
    "comes from (quoted exactly), the policy keys that set it and a short\n"
    "example.  Everything comes from the library's catalogue; docs/RULES.md\n"
    "says the same at length.\n"
    "\n"
    "  --format json  the catalogue entry as JSON ({\"code\": ..., \"rule\":\n"
    "                 ...})\n"
    "  --list         every code with its severity and rule, and every rule\n"
    "\n"
    "Exit: 0 printed, 3 usage (an unknown CODE or RULE), 4 I/O, 5 memory.\n";

static const char explain_ja[] =
    "使い方: cpd explain CODE|RULE [--lang ja|en] [--format text|json]\n"
    "        cpd explain --list [--lang ja|en]\n"
    "\n"
    "診断コード（section.capped、fee.late、input.syntax など）またはルール\n"
    "ID（R1〜R16）の意味を示します。コードの重要度と対応するルール、\n"
    "libcpd が適用するルールの内容、その根拠となる申請フォームと CPD 方針\n"
    "の記載（原文のまま）、ルールを決める方針のキー、短い例を表示します。\n"
    "内容はすべてライブラリーのカタログから取り出します。詳しい説明は\n"
    "docs/RULES.md にあります。\n"
    "\n"
    "  --format json  カタログの項目を JSON で出力する（{\"code\": ...,\n"
    "                 \"rule\": ...}）\n"
    "  --list         すべてのコード（重要度とルール）とルールの一覧\n"
    "\n"
    "終了ステータス: 0 表示した、3 使い方の誤り（不明な CODE・RULE）、\n"
    "4 入出力エラー、5 メモリ不足。\n";

/* ------------------------------------------------------------------ table */

/* ------------------------------------------------------------- reconcile */

static const char reconcile_en[] =
    "Usage: cpd reconcile APPLICATIONS PAYMENTS [--fee YEN] [--policy FILE]\n"
    "                     [--format json|csv|text] [--csv-encoding ENC]\n"
    "                     [--encoding auto|utf-8|cp932] [--era reiwa|heisei]\n"
    "                     [--lang ja|en] [-o OUT]\n"
    "\n"
    "Matches the fee payments in the bank's record to the applications.\n"
    "APPLICATIONS is NDJSON, one application per line, as cpd batch reads.\n"
    "PAYMENTS is the bank's record, recognised by its content: a Zengin file\n"
    "(振込入金通知 01 or 入出金取引明細 03: 200-byte records of JIS X 0201,\n"
    "with or without CR LF; the trailer's counts and sums are checked) or a\n"
    "net-banking CSV export (UTF-8 or CP932) whose columns are found by\n"
    "their names (日付 取引日 勘定日 入金日; 入金額 お預り金額 入金金額 金額;\n"
    "振込依頼人名 依頼人名 摘要 お取引内容).\n"
    "\n"
    "The payer is the fee payer's name when written in kana or Latin\n"
    "letters, else the company's kana when a company paid, else the\n"
    "applicant's kana; libcpd folds both sides (small kana large, ー as -,\n"
    "spaces out, ｶ) (ｶ and the other legal entities).  A payment must be\n"
    "the fee and be dated in the application window.  One line per\n"
    "application: paid, unpaid, ambiguous (the candidates listed, never\n"
    "chosen), amount_differs or outside_window; one line per payment that\n"
    "names nobody: unclaimed.\n"
    "\n"
    "Options:\n"
    "  --fee YEN            the fee of an application, in yen (default: the\n"
    "                       policy's fee.amount; one of them is needed)\n"
    "  --policy FILE        a policy document (it sets the window, and the\n"
    "                       fee when it has fee.amount)\n"
    "  --format FORMAT      json (NDJSON, the default), csv (for Excel: BOM,\n"
    "                       CRLF) or text (a table)\n"
    "  --csv-encoding ENC   csv: utf-8 (with BOM, the default) or cp932\n"
    "  --encoding ENC       a CSV export's encoding: auto (the default),\n"
    "                       utf-8 or cp932\n"
    "  --era ERA            the era of a Zengin file's YYMMDD dates: reiwa\n"
    "                       (the default) or heisei\n"
    "  --lang ja|en         language of the table and of messages\n"
    "  -o, --output OUT     write OUT (atomically) instead of stdout\n"
    "\n"
    "Exit: 0 every application paid and no payment unclaimed, 1 otherwise,\n"
    "2 unreadable input (its line, record or row and column named), 3 usage,\n"
    "4 I/O, 5 memory.\n";

static const char reconcile_ja[] =
    "使い方: cpd reconcile APPLICATIONS PAYMENTS [--fee YEN] [--policy FILE]\n"
    "                      [--format json|csv|text] [--csv-encoding ENC]\n"
    "                      [--encoding auto|utf-8|cp932] [--era reiwa|heisei]\n"
    "                      [--lang ja|en] [-o OUT]\n"
    "\n"
    "銀行の入金記録にある認定審査手数料の入金を申請と照合します。\n"
    "APPLICATIONS は 1 行 1 申請の NDJSON です（cpd batch と同じ）。\n"
    "PAYMENTS は銀行の入金記録で、中身から種類を判別します。全銀ファイル\n"
    "（振込入金通知 01・入出金取引明細 03: JIS X 0201 の 200 バイト固定長、\n"
    "改行 CR LF はあってもなくてもよい。トレーラーの件数と合計を確かめます）\n"
    "か、インターネットバンキングの CSV（UTF-8 か CP932）です。CSV の列は\n"
    "見出しの名前で探します（日付 取引日 勘定日 入金日、入金額 お預り金額\n"
    "入金金額 金額、振込依頼人名 依頼人名 摘要 お取引内容）。\n"
    "\n"
    "振込名義は、申請書の振込名義がカナかローマ字ならそれ、会社が振り込んだ\n"
    "ときは会社名カナ、それ以外は申請者のフリガナです。双方を libcpd が\n"
    "そろえて比べます（小さいカナは大きく、ー は -、空白なし、ｶ) (ｶ などの\n"
    "法人略語）。入金は手数料の額で、受付期間内の日付でなければなりません。\n"
    "申請ごとに 1 行: paid（入金確認済み）、unpaid（未入金）、ambiguous\n"
    "（要確認: 候補を並べ、選びません）、amount_differs（金額相違）、\n"
    "outside_window（受付期間外）。どの申請にも当たらない入金は 1 件ごとに\n"
    "unclaimed（該当申請なし）。\n"
    "\n"
    "オプション:\n"
    "  --fee YEN            1 申請の手数料（円）。なければポリシーの\n"
    "                       fee.amount。どちらかが必要です\n"
    "  --policy FILE        ポリシー文書（受付期間を決め、fee.amount が\n"
    "                       あれば手数料も決めます）\n"
    "  --format FORMAT      json（NDJSON、既定）、csv（Excel 用: "
    "BOM、CRLF）、\n"
    "                       text（表）\n"
    "  --csv-encoding ENC   csv の文字コード: utf-8（BOM 付き、既定）か cp932\n"
    "  --encoding ENC       CSV の入金記録の文字コード: auto（既定）、utf-8、\n"
    "                       cp932\n"
    "  --era ERA            全銀ファイルの日付（YYMMDD）の元号: reiwa（既定）\n"
    "                       か heisei\n"
    "  --lang ja|en         表とメッセージの言語\n"
    "  -o, --output OUT     標準出力でなく OUT に書きます（一括で置き換え）\n"
    "\n"
    "終了ステータス: 0 すべての申請が入金確認済みで該当申請なしの入金もない、\n"
    "1 それ以外、2 読めない入力（行・レコードと列を示します）、\n"
    "3 使い方の誤り、4 入出力エラー、5 メモリ不足。\n";

/* --------------------------------------------------------------- notices */

static const char notices_en[] =
    "Usage: cpd notices APPLICATIONS --from ADDRESS -o DIR\n"
    "                   [--reconcile RESULT] [--date DATE] [--lang ja|en]\n"
    "                   [--policy FILE] [--force] [--sendmail]\n"
    "\n"
    "Writes one e-mail (RFC 5322) per application of APPLICATIONS (NDJSON)\n"
    "to DIR/<line>-<certification number>.eml: to the applicant's e-mail\n"
    "address, from ADDRESS (\"office@example.jp\" or \"Name\n"
    "<office@example.jp>\"), with a Japanese subject (RFC 2047, UTF-8) and a\n"
    "text body: the decision, the points counted and required, each finding\n"
    "in the library's words, the certificate's expiry as the deadline for a\n"
    "fix, and with --reconcile the fee's status from a cpd reconcile result\n"
    "(its NDJSON) of the same APPLICATIONS.  An application without a\n"
    "usable e-mail address gets no notice (said on stderr).  Unreadable\n"
    "input stops the command before anything is written.\n"
    "\n"
    "Options:\n"
    "  --from ADDRESS       the sender (required)\n"
    "  -o, --output DIR     the directory of the messages (required; made,\n"
    "                       owner only, when it is not there)\n"
    "  --reconcile RESULT   the fee's status from cpd reconcile's NDJSON\n"
    "  --date DATE          the Date of the messages: that day, 09:00 JST\n"
    "                       (default: the clock, now)\n"
    "  --lang ja|en         the language of the notices (default ja) and of\n"
    "                       messages\n"
    "  --policy FILE        a policy document\n"
    "  --force              replace messages that exist (else nothing is\n"
    "                       written when one does)\n"
    "  --sendmail           also send each message with /usr/sbin/sendmail\n"
    "                       to its To (CPD_SENDMAIL: another program);\n"
    "                       without it nothing is sent\n"
    "\n"
    "Exit: 0 every notice written (and sent), 1 an application without an\n"
    "e-mail address, 2 unreadable input, 3 usage, 4 I/O (a message exists,\n"
    "cannot be written or sent), 5 memory.\n";

static const char notices_ja[] =
    "使い方: cpd notices APPLICATIONS --from ADDRESS -o DIR\n"
    "                    [--reconcile RESULT] [--date DATE] [--lang ja|en]\n"
    "                    [--policy FILE] [--force] [--sendmail]\n"
    "\n"
    "APPLICATIONS（NDJSON）の申請ごとに 1 通の Eメール（RFC 5322）を\n"
    "DIR/<行>-<認定番号>.eml に書き出します。宛先は申請者の Eメール\n"
    "アドレス、差出人は ADDRESS（\"office@example.jp\" または \"名前\n"
    "<office@example.jp>\"）、件名は日本語（RFC 2047、UTF-8）、本文は判定、\n"
    "算入ポイントと必要ポイント、指摘事項（ライブラリーの文言）、修正の期限\n"
    "としての資格有効期日、--reconcile を指定したときは同じ APPLICATIONS\n"
    "から作った cpd reconcile の結果（既定の NDJSON）による手数料の入金状況\n"
    "です。使える Eメールアドレスのない申請には通知を作りません（標準エラー\n"
    "出力に示します）。読めない入力があれば、何も書き出さずに終わります。\n"
    "\n"
    "オプション:\n"
    "  --from ADDRESS       差出人（必須）\n"
    "  -o, --output DIR     メールを書き出すディレクトリ（必須。なければ\n"
    "                       本人だけが読める権限で作ります）\n"
    "  --reconcile RESULT   cpd reconcile の NDJSON による手数料の入金状況\n"
    "  --date DATE          メールの日付: その日の 9:00（日本時間）\n"
    "                       （既定: 時計の現在時刻）\n"
    "  --lang ja|en         通知の言語（既定は ja）とメッセージの言語\n"
    "  --policy FILE        ポリシー文書\n"
    "  --force              すでにあるメールを置き換えます（指定しなければ、\n"
    "                       1 通でもあるときは何も書き出しません）\n"
    "  --sendmail           各メールを /usr/sbin/sendmail で To 宛てにも\n"
    "                       送ります（CPD_SENDMAIL で別のプログラム）。\n"
    "                       指定しなければ何も送りません\n"
    "\n"
    "終了ステータス: 0 すべて書き出した（送った）、1 Eメールアドレスのない\n"
    "申請がある、2 読めない入力、3 使い方の誤り、4 入出力エラー（メールが\n"
    "すでにある、書き出せない、送れない）、5 メモリ不足。\n";

static const struct help_text {
  const char *command; /* NULL: cpd itself */
  const char *en, *ja;
} texts[] = {
    {NULL, top_en, top_ja},
    {"check", check_en, check_ja},
    {"batch", batch_en, batch_ja},
    {"policy", policy_en, policy_ja},
    {"plan", plan_en, plan_ja},
    {"audit", audit_en, audit_ja},
    {"redact", redact_en, redact_ja},
    {"report", report_en, report_ja},
    {"import-csv", import_en, import_ja},
    {"serve", serve_en, serve_ja},
    {"explain", explain_en, explain_ja},
    {"reconcile", reconcile_en, reconcile_ja},
    {"notices", notices_en, notices_ja},
};

const char *cli_help_text(const char *command, int ja) {
  size_t i;
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
    if (command ? texts[i].command && strcmp(texts[i].command, command) == 0
                : !texts[i].command)
      return ja ? texts[i].ja : texts[i].en;
  return NULL;
}

int cli_help(const char *command, int ja) {
  const char *text = cli_help_text(command, ja);
  if (!text)
    return cli_usage(NULL, "unknown command '%s'", command);
  fputs(text, stdout);
  /* a failed write is said, in the help's language (output.c) */
  return cli_stdout_done(command ? command : "--help", ja, 0);
}
