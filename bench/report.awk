# report.awk - bench/results.md from the key=value figures scripts/bench
# collected (awk -F= -f bench/report.awk figures.txt).  POSIX awk.

{
  k = $1
  v = substr($0, length($1) + 2)
  f[k] = v
}

function has(k) { return (k in f) && f[k] != "" }

function commify(x,    s, neg, out) {
  s = sprintf("%.0f", x)
  neg = substr(s, 1, 1) == "-"
  if (neg) s = substr(s, 2)
  out = ""
  while (length(s) > 3) {
    out = "," substr(s, length(s) - 2) out
    s = substr(s, 1, length(s) - 3)
  }
  return (neg ? "-" : "") s out
}

function mib(kib) { return sprintf("%.1f MiB", kib / 1024) }

function verdict(ok) { return ok ? "**PASS**" : "**MISS**" }

function row(measure, target, figure, result) {
  printf "| %s | %s | %s | %s |\n", measure, target, figure, result
}

END {
  nsizes = split(f["sizes"], sizes, " ")
  largest = f["largest"]

  print "# libcpd benchmarks"
  print ""
  print "Written by `scripts/bench`.  Every figure is the median of"
  print "several runs (see \"runs\" below); times are wall-clock unless marked"
  print "*cpu* (the child's user + system time).  Compare figures only between"
  print "runs on the same machine, and only from a quiet machine."
  print ""
  print "## Machine"
  print ""
  print "| | |"
  print "|---|---|"
  print "| date | " f["machine_date"] " |"
  print "| command | `" f["command"] "` |"
  print "| nproc | " f["machine_nproc"] " |"
  print "| CPU | " f["machine_cpu"] " |"
  print "| kernel | " f["machine_kernel"] " |"
  print "| compiler | " f["machine_compiler"] " |"
  print "| build | " f["machine_flags"] " |"
  print "| cJSON | " f["cjson_version"] " |"
  print "| libcpd | " f["libcpd_version"] " |"
  print "| load average at the end | " f["machine_load"] " |"
  print "| runs per figure | " f["reps"] " (batches of 100k lines or more: " \
        f["big_reps"] ") |"
  print "| duration | " f["elapsed_s"] " s |"
  print ""

  # ------------------------------------------------------------- targets
  print "## Targets"
  print ""
  print "| Measure | Target | Figure | Result |"
  print "|---|---|---|---|"

  mb = f["e2e_bytes"] / 1e6
  lines = f["e2e_lines"]
  r = f["ratio_cli"] + 0
  ir = has("ir_floor_per_app") && f["ir_floor_per_app"] > 0 ? \
       f["ir_per_app"] / f["ir_floor_per_app"] : 0
  row("End to end: `cpd batch` over " commify(lines) " lines (" \
      sprintf("%.1f", mb) " MB) / cJSON parse+free floor, instructions",
      "≤ 1.5×", ir ? sprintf("%.2f×", ir) : "not measured",
      ir ? verdict(ir <= 1.5) : "skipped")
  row("End to end: `cpd batch` / cJSON floor, time", "≤ 2.0×",
      sprintf("%.2f× (*cpu* %.2f×)", r, f["ratio_cli_cpu"]),
      verdict(r <= 2.0))
  r = f["ratio_inproc"] + 0
  ir = has("ir_floor_per_app") && has("ir_inproc_per_app") && \
       f["ir_floor_per_app"] > 0 ? \
       f["ir_inproc_per_app"] / f["ir_floor_per_app"] : 0
  row("In-process: `cpd_checker_check` per line (one reusable checker) / " \
      "cJSON floor, instructions", "≤ 1.6×",
      ir ? sprintf("%.2f× (time %.2f×, *cpu* %.2f×)", ir, r,
                   f["ratio_inproc_cpu"]) : "not measured",
      ir ? verdict(ir <= 1.6) : "skipped")

  eps = f["engine_evals_per_s"] + 0
  ipe = f["ir_per_eval"] + 0
  row("Engine alone: `cpd_prepared_evaluate` + `cpd_result_free`, prepared " \
      f["engine_activities"] "-activity application, one core",
      "≤ 25,000 instructions (≥ 500,000/s; stretch 1,000,000/s)",
      (has("ir_per_eval") ? commify(ipe) " instructions; " : "") \
      commify(eps) "/s (" sprintf("%.2f", f["engine_ns"] / 1000) " µs each)",
      verdict((!has("ir_per_eval") || ipe <= 25000) && eps >= 500000) \
      (eps >= 1000000 ? " (stretch too)" : ""))

  rss10 = f["s10000_stream_maxrss_kib"] + 0
  rssL = f["s" largest "_stream_maxrss_kib"] + 0
  if (has("s10000_stream_maxrss_kib"))
    row("Peak RSS of `cpd batch`, 10,000 lines", "≤ 16 MiB", mib(rss10),
        verdict(rss10 <= 16384))
  if (largest != 10000 && has("s" largest "_stream_maxrss_kib")) {
    grow = rssL - rss10
    row("Peak RSS of `cpd batch`, " commify(largest) " lines",
        "≤ 16 MiB, not growing", mib(rssL) sprintf(" (%+.1f MiB vs 10k)",
        grow / 1024), verdict(rssL <= 16384 && grow <= 1024))
  }

  # flat time per application: max / min of the cpu time per application
  lo = hi = ""
  for (i = 1; i <= nsizes; i++) {
    v = f["s" sizes[i] "_stream_cpu_us_per_app"] + 0
    if (lo == "" || v < lo) lo = v
    if (hi == "" || v > hi) hi = v
  }
  if (nsizes > 1 && lo > 0)
    row("Time per application, batches of " commify(sizes[1]) " to " \
        commify(largest) " lines (*cpu*, max / min)",
        "flat: ≤ 1.25×", sprintf("%.2f×", hi / lo), verdict(hi / lo <= 1.25))

  split("check engine", paths, " ")
  pathname["check"] = "`cpd_check_json`"
  pathname["engine"] = "engine alone"
  for (i = 1; i <= 2; i++) {
    w = paths[i]
    if (!has("act1000_" w "_us") || !has("act10000_" w "_us")) continue
    r = f["act10000_" w "_us"] / f["act1000_" w "_us"]
    fig = sprintf("%.2f×", r)
    if (has("ir_act1000_" w "_per_activity") && f["ir_act1000_" w "_per_activity"] > 0)
      fig = fig sprintf(" (instructions: %.2f×)", 10 * \
            f["ir_act10000_" w "_per_activity"] / f["ir_act1000_" w "_per_activity"])
    row("Time of a 10,000-activity vs a 1,000-activity application, " \
        pathname[w], "< 10×", fig, verdict(r < 10))
  }

  if (has("py_us") && has("check1_us")) {
    r = has("py_ratio") ? f["py_ratio"] : f["py_us"] / f["check1_us"]
    row("Python `cpd.check(str)` vs C `cpd_check_json`, same 30-activity " \
        "application", "≤ 1.3×",
        sprintf("%.2f× (%.1f µs vs %.1f µs)", r, f["py_us"], f["check1_us"]),
        verdict(r <= 1.3))
  } else {
    row("Python `cpd.check(str)` vs C `cpd_check_json`", "≤ 1.3×",
        "n/a (bindings not built)", "n/a")
  }

  if (has("pyrules_ratio")) {
    r = f["pyrules_ratio"] + 0
    row("The rules in plain Python (`bench/pyrules.py`) vs `cpd batch`, " \
        "the same " commify(f["pyrules_lines"]) " lines, time (Python / C)",
        "≥ 20×",
        sprintf("%.1f× (*cpu* %.1f×; %.2f s vs %.3f s)", r,
                f["pyrules_cpu_ratio"], f["pyrules_py_s"], f["pyrules_cpd_s"]),
        verdict(r >= 20))
  } else {
    row("The rules in plain Python (`bench/pyrules.py`) vs `cpd batch`",
        "≥ 20×", "n/a (skipped: --pyrules-lines 0, no python3, or the " \
        "timing failed)", "n/a")
  }
  print ""

  # ------------------------------------------------------------- details
  print "## Details"
  print ""
  print "### Throughput over the same NDJSON bytes"
  print ""
  print "The e2e file: " commify(lines) " applications of 20-40 activities, " \
        commify(f["e2e_bytes"]) " bytes, " f["e2e_input_errors"] \
        " input-error lines; the three are timed in turn, " f["e2e_reps"] \
        " rounds."
  print ""
  print "| | time | MB/s | applications/s | µs / application |"
  print "|---|---|---|---|---|"
  split("floor inproc cli", names, " ")
  label["floor"] = "cJSON floor: `cJSON_ParseWithLengthOpts` + `cJSON_Delete`"
  label["inproc"] = "in-process: `cpd_check_json` + output to /dev/null"
  label["cli"] = "`cpd batch FILE > /dev/null` (process included)"
  for (i = 1; i <= 3; i++) {
    n = names[i]
    t = f[n "_s"] + 0
    if (t <= 0) continue
    printf "| %s | %.3f s (*cpu* %.3f s) | %.1f | %s | %.1f |\n", label[n], t,
           f[n "_cpu_s"], mb / t, commify(lines / t), t * 1e6 / lines
  }
  print ""

  print "### Scaling with the number of lines (`cpd batch -`, streamed)"
  print ""
  print "Lines are written into a pipe from a pool of distinct generated " \
        "applications; the child's peak RSS from wait4 (the process is started " \
        "by a small helper, so the figure is cpd's own)."
  print ""
  print "| lines | runs | total | µs / application | *cpu* µs / application | MB/s | peak RSS |"
  print "|---|---|---|---|---|---|---|"
  for (i = 1; i <= nsizes; i++) {
    p = "s" sizes[i] "_"
    printf "| %s | %s | %.2f s | %.1f | %.1f | %.1f | %s |\n",
           commify(sizes[i]), f[p "stream_reps"], f[p "stream_s"],
           f[p "stream_us_per_app"], f[p "stream_cpu_us_per_app"],
           f[p "stream_bytes"] / 1e6 / f[p "stream_s"],
           mib(f[p "stream_maxrss_kib"])
  }
  print ""

  print "### Scaling with the number of activities (one application)"
  print ""
  print "| activities | bytes | diagnostics | `cpd_check_json` (*cpu*) | ns / activity | engine (*cpu*) | ns / activity |"
  print "|---|---|---|---|---|---|---|"
  split("10 100 1000 10000", acts, " ")
  for (i = 1; i <= 4; i++) {
    p = "act" acts[i] "_"
    if (!has(p "check_us")) continue
    printf "| %s | %s | %s | %.1f µs (%.1f) | %.0f | %.1f µs (%.1f) | %.0f |\n",
           commify(acts[i]), commify(f[p "app_bytes"]), f[p "app_diagnostics"],
           f[p "check_us"], f[p "check_cpu_us"], f[p "check_ns_per_activity"],
           f[p "engine_us"], f[p "engine_cpu_us"], f[p "engine_ns_per_activity"]
  }
  print ""

  print "### Engine alone"
  print ""
  print "One generated application (" f["engine_activities"] " activities, " \
        commify(f["engine_app_bytes"]) " bytes, decision " \
        f["engine_app_decision"] ", " f["engine_app_diagnostics"] \
        " diagnostics) loaded once with `cpd_document_load_json`; " \
        commify(f["engine_iters"]) " evaluations per run: " \
        sprintf("%.2f", f["engine_ns"] / 1000) " µs each (*cpu* " \
        sprintf("%.2f", f["engine_cpu_ns"] / 1000) " µs)."
  print ""

  print "### Instructions (callgrind)"
  print ""
  if (has("ir_per_app")) {
    print "| | Ir |"
    print "|---|---|"
    print "| `cpd batch` per application (1,000 lines, minus an empty run) | " \
          commify(f["ir_per_app"]) " |"
    if (has("ir_floor_per_app") && f["ir_floor_per_app"] > 0)
      print "| cJSON floor per application (the same 1,000 lines) | " \
            commify(f["ir_floor_per_app"]) " (`cpd batch`: " \
            sprintf("%.2f×", f["ir_per_app"] / f["ir_floor_per_app"]) ") |"
    if (has("ir_inproc_per_app") && f["ir_floor_per_app"] > 0)
      print "| in-process checker per application (`bench inproc`) | " \
            commify(f["ir_inproc_per_app"]) " (" \
            sprintf("%.2f×", f["ir_inproc_per_app"] / f["ir_floor_per_app"]) \
            " the floor) |"
    print "| `cpd batch` over 1,000 lines, total | " \
          commify(f["ir_batch_total"]) " |"
    print "| `cpd batch` over an empty file | " commify(f["ir_batch_empty"]) " |"
    print "| engine alone per evaluation (prepared, 30 activities) | " \
          commify(f["ir_per_eval"]) " |"
    split("1000 10000", ks, " ")
    for (i = 1; i <= 2; i++)
      for (j = 1; j <= 2; j++) {
        key = "ir_act" ks[i] "_" paths[j] "_per_activity"
        if (has(key))
          print "| " pathname[paths[j]] " per activity, " commify(ks[i]) \
                "-activity application | " commify(f[key]) " |"
      }
  } else {
    print "Skipped (--no-valgrind or no valgrind)."
  }
  print ""

  print "### Python"
  print ""
  if (has("py_us"))
    print "`cpd.check(text)` " sprintf("%.2f", f["py_us"]) " µs per call, " \
          "`cpd_check_json` " sprintf("%.2f", f["check1_us"]) " µs per call " \
          "(medians; the same " commify(f["check1_bytes"]) "-byte, " \
          "30-activity application; the two take turns, " f["reps"] \
          " rounds, and the ratio in the table is the median of the " \
          "per-round ratios)."
  else
    print "n/a (bindings not built)"
  print ""

  print "### The rules in plain Python"
  print ""
  if (has("pyrules_ratio"))
    print "`bench/pyrules.py` (R1-R16 with the json module and dicts, " \
          "Python " f["pyrules_python"] ") and `cpd batch` answer the same " \
          "first " commify(f["pyrules_lines"]) " lines of the e2e file (" \
          commify(f["pyrules_bytes"]) " bytes), each a whole process with " \
          "its output to a file, in turn, " f["pyrules_rounds"] " rounds " \
          "after one untimed run each (`bench/pyrules_time.py`): " \
          sprintf("%.3f s (*cpu* %.3f s) against %.3f s (*cpu* %.3f s), ",
                  f["pyrules_py_s"], f["pyrules_py_cpu_s"], f["pyrules_cpd_s"],
                  f["pyrules_cpd_cpu_s"]) \
          sprintf("%.0f µs against %.0f µs of *cpu* per application. ",
                  f["pyrules_py_cpu_s"] * 1e6 / f["pyrules_lines"],
                  f["pyrules_cpd_cpu_s"] * 1e6 / f["pyrules_lines"]) \
          "The ratios are medians of the per-round ratios.  " \
          "`tests/test_pyrules.py` (ctest `pyrules_differential`) checks " \
          "that the two give the same answers."
  else
    print "n/a (skipped)"
  print ""

  print "### Inputs"
  print ""
  print "`bench/gen --seed S --lines N` (see bench/genlib.c): Japanese names, " \
        "kana, companies and addresses; 20-40 activities over sections A-D " \
        "and the three fiscal years (per-year caps routinely exceeded); dates " \
        "in every accepted form; about a quarter of the applicants with " \
        "invalid activity fields, a few per cent with invalid applicant or " \
        "fee fields; 1% of lines input errors; 30% of lines written as " \
        "Python's json.dumps does (some with \\uXXXX escapes)."
}
