"""benchlib.py - what the benchmark scripts of bench/ share: the machine
they ran on, the CPU time of their child processes, and the section of
bench/results.md that each of them writes."""
import os
import resource
import tempfile


def cpu_model():
    """The CPU's model name from /proc/cpuinfo, "?" where there is none."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def load_text():
    """The 1, 5 and 15-minute load averages, as /proc/loadavg writes them."""
    return " ".join("%.2f" % x for x in os.getloadavg())


def children_cpu():
    """User + system seconds of the child processes waited for so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def write_section(path, begin, end, text):
    """Put text between the lines begin and end of path: in place of the
    section they hold, or appended after a blank line (a missing file is
    made).  Through a temporary file and a rename: a failure leaves the
    old file as it was."""
    try:
        with open(path, encoding="utf-8") as f:
            old = f.read()
    except FileNotFoundError:
        old = ""
    block = "%s\n%s\n%s\n" % (begin, text.rstrip("\n"), end)
    if begin in old and end in old:
        i = old.index(begin)
        j = old.index(end) + len(end)
        if old[j:j + 1] == "\n":
            j += 1
        new = old[:i] + block + old[j:]
    else:
        new = (old.rstrip("\n") + "\n\n" if old.strip() else "") + block
    fd, tmp = tempfile.mkstemp(prefix=".results-",
                               dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(new)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
