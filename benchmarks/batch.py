"""Throughput and memory of `drafter batch` on generated incident emails.

    .venv/bin/python benchmarks/batch.py [--n 2000] [--repeat 1] [--profile]

Writes N incident emails of about 120 words (varied from the templates below) to a temporary
mbox, then runs `drafter batch` as a subprocess for (rules only | with the role model) x
(jobs 1 | jobs 2), printing messages/s end to end (start-up included) and the peak RSS of the
command and its worker processes together. With --stages it times instead, in process on one
thread, each stage of checking a message (reading and segmenting, incident detection, each spaCy
component, annotation, the role model, each criterion) and prints the median milliseconds per
message over chunks of 32. With --profile it runs the jobs-1 path under cProfile and prints the
functions with the most cumulative time."""
from __future__ import annotations

import argparse
import cProfile
import io
import mailbox
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
import threading
import time
from email.message import EmailMessage
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OPENINGS = ["Hi {name},", "Dear {name},", "Hello {name},", "Hi all,", "Dear customers,", "Team,"]
WHAT = [
    "On {day} we sent you an invoice for {thing} with the wrong amount on it.",
    "The {thing} newsletter that went out on {day} linked to an old page.",
    "Our checkout was down on {day} for about two hours, so some orders for {thing} did not go through.",
    "Your order of {thing} was shipped to your previous address on {day}.",
    "The price of {thing} in {day}'s email should have read $45, not $54.",
    "A configuration change on {day} stopped confirmation emails for {thing} from being sent.",
    "We charged some cards twice for {thing} on {day}.",
    "The report we sent on {day} included last quarter's figures for {thing} instead of this quarter's.",
]
APOLOGY = ["Sorry about that.", "We apologise for the confusion.", "I'm sorry for the trouble this caused.",
           "We're really sorry.", "Apologies for the mix-up.", ""]
FIX = [
    "We have reissued it with the correct total, and the new copy is attached.",
    "The link now points to the right page, and the old page redirects there too.",
    "Everything was back to normal by noon, and any order that failed has been refunded in full.",
    "A replacement is on its way by express courier and should arrive within two working days.",
    "The duplicate charges have been reversed and should show on your statement within five days.",
    "We fixed the setting, and every missed email has now been sent.",
]
CAUSE = [
    "The amount came from a spreadsheet that had not been updated after the price change.",
    "We were very busy that week and the usual checks were skipped.",
    "Tom in accounts forgot to update the template before the run.",
    "A script that copies the data ran before the nightly import had finished.",
    "",
]
PREVENTION = [
    "From now on every invoice is checked by a second person before it goes out.",
    "We have added an automatic check that stops the run if the figures are out of date.",
    "Going forward, changes like this are tested on a copy of the shop first.",
    "",
]
NEXT = [
    "If anything still looks wrong, reply to this email and we will sort it out the same day.",
    "You don't need to do anything, but if you have questions, call us on 020 7946 0000.",
    "We will send another update by 5pm tomorrow.",
    "Let me know if you would like us to send a paper copy as well.",
]
CLOSINGS = ["Best,\n{sender}", "Kind regards,\n{sender}", "Thanks,\n{sender}", "-- \n{sender}\nCustomer Care"]
NAMES = ["Sam", "Ana", "Mr Okafor", "Ms Lindqvist", "Priya", "Tom", "Dr Weber"]
THINGS = ["the Plus plan", "order #4471", "the spring catalogue", "the March invoice", "two licences", "the workshop"]
DAYS = ["Monday", "Tuesday", "3 March", "Friday", "the 14th", "last Thursday"]
FILLER = ["We know how much you rely on this.", "We understand that it caused extra work on your side.",
          "Thank you for your patience while we looked into it.", "Thank you for letting us know so quickly.",
          "The rest of your account is not affected.", "Nothing else in the order has changed."]


def generate_email(rng: random.Random, number: int, distinct: bool = False) -> tuple[bytes, list[str]]:
    """One incident email of about 120 words from the templates above, and its body sentences.

    With ``distinct``, every sentence carries the message's own case number, so no two messages
    share a sentence and the role model's reuse of repeated sentences cannot help."""
    slots = {"name": rng.choice(NAMES), "thing": rng.choice(THINGS), "day": rng.choice(DAYS), "sender": "Lena"}
    sentences = [p.format(**slots) for p in (rng.choice(WHAT), rng.choice(APOLOGY), rng.choice(CAUSE),
                                              rng.choice(FIX), rng.choice(PREVENTION), rng.choice(NEXT)) if p]
    for sentence in rng.sample(FILLER, len(FILLER)):  # pad to about 120 words
        if len(" ".join(sentences).split()) >= 112:
            break
        sentences.append(sentence)
    if distinct:
        sentences = [f"{s[:-1]} (case {number}-{k}){s[-1]}" for k, s in enumerate(sentences)]
    text = f"{rng.choice(OPENINGS).format(**slots)}\n\n{' '.join(sentences)}\n\n{rng.choice(CLOSINGS).format(**slots)}\n"
    message = EmailMessage()
    message["From"] = "Lena <lena@example.com>"
    message["To"] = "customer@example.com"
    message["Subject"] = f"About {slots['thing']}"
    message["Date"] = f"Tue, {1 + number % 28:02d} {['Jan', 'Feb', 'Mar', 'Apr'][number % 4]} 2024 10:00:00 +0000"
    message["Message-ID"] = f"<bench-{number}@example.com>"
    message.set_content(text, cte="7bit")
    return bytes(message), sentences


def write_archive(path: Path, n: int, distinct: bool = False) -> tuple[float, float]:
    """Writes the mbox; returns the mean words per message and the share of body sentences
    that occur only once in the archive."""
    rng = random.Random(7)
    box = mailbox.mbox(str(path))
    words = 0
    counts: Counter = Counter()
    for number in range(n):
        data, sentences = generate_email(rng, number, distinct)
        words += len(data.split(b"\n\n", 1)[1].split())
        counts.update(sentences)
        box.add(data)
    box.flush()
    box.close()
    return words / n, len(counts) / sum(counts.values())


def peak_rss(process: psutil.Process, stop: threading.Event, result: list[int]) -> None:
    """Sample the RSS of the process and all its children until ``stop`` is set."""
    peak = 0
    while not stop.is_set():
        try:
            total = process.memory_info().rss
            for child in process.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            break
        peak = max(peak, total)
        time.sleep(0.05)
    result.append(peak)


def run_once(archive: Path, out: Path, model: bool, jobs: int) -> tuple[float, int]:
    command = [sys.executable, "-m", "drafter", "batch", str(archive), "--out", str(out), "--jobs", str(jobs)]
    if not model:
        command.append("--no-model")
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    stop, peak = threading.Event(), []
    sampler = threading.Thread(target=peak_rss, args=(process, stop, peak))
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"drafter batch failed ({process.returncode}): {stderr.decode()[-2000:]}")
    return elapsed, peak[0]


def profile(archive: Path, out: Path, model: bool, top: int = 30) -> None:
    from drafter.batch import BatchOptions, run_batch

    profiler = cProfile.Profile()
    profiler.enable()
    run_batch([str(archive)], str(out), options=BatchOptions(model=model))
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("cumulative").print_stats(top)
    print(buffer.getvalue())
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(15)
    print(buffer.getvalue())


def stage_times(archive: Path, model: bool) -> None:
    """Median milliseconds per message of each stage, over chunks of CHUNK_SIZE messages."""
    import torch

    from drafter.batch import CHUNK_SIZE, BatchOptions, Processor
    from drafter.draft import segment
    from drafter.mail import read_archives
    from drafter.signals import annotate

    torch.set_num_threads(1)
    processor = Processor(BatchOptions(model=model))
    checker, detector = processor.checker, processor.detector
    messages = list(read_archives([str(archive)]))
    timings: dict[str, list[float]] = {}

    def timed(stage: str, run, *args):
        begin = time.perf_counter()
        result = run(*args)
        timings.setdefault(stage, []).append((time.perf_counter() - begin) * 1000 / size)
        return result

    for begin in range(0, len(messages), CHUNK_SIZE):
        chunk = messages[begin:begin + CHUNK_SIZE]
        size = len(chunk)
        drafts = timed("segment", lambda: [segment(m.text, source=m.source) for m in chunk])
        timed("incident detection", lambda: [detector(d, m.subject) for d, m in zip(drafts, chunk)])
        docs = [checker.nlp.make_doc(d.scored_text) for d in drafts]
        for name, component in checker.nlp.pipeline:
            docs = timed(f"spaCy {name}", lambda: list(component.pipe(docs) if hasattr(component, "pipe")
                                                             else map(component, docs)))
        docs = timed("annotate (cues)", lambda: [annotate(doc, d, checker.nlp) for doc, d in zip(docs, drafts)])
        if checker.role_model is not None:
            timed("role model", checker.score_sentences, docs)
        for criterion in checker.criteria:
            timed(f"criterion {criterion.id}", lambda: [criterion.assess(doc) for doc in docs])
    first = len(timings["segment"]) > 2  # the first chunk warms caches; leave it out when there are more
    total = 0.0
    for stage, values in timings.items():
        median = statistics.median(values[1:] if first else values)
        total += median
        print(f"    {stage:<28} {median:6.2f} ms/message")
    print(f"    {'sum':<28} {total:6.2f} ms/message ({1000 / total:.1f} messages/s on one core)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="Messages to generate (default 2000).")
    parser.add_argument("--repeat", type=int, default=1, help="Runs per variant; the median is shown.")
    parser.add_argument("--profile", action="store_true", help="Profile the jobs-1 path in process.")
    parser.add_argument("--stages", action="store_true", help="Instead of end-to-end runs, time each stage in process, on one thread.")
    parser.add_argument("--distinct", action="store_true",
                        help="Give every sentence of every message its own case number (no repeated sentences).")
    args = parser.parse_args()

    from drafter.roles import load_role_model

    model_available = load_role_model() is not None
    with tempfile.TemporaryDirectory() as folder:
        archive, out = Path(folder) / "bench.mbox", Path(folder) / "out.jsonl"
        words, distinct = write_archive(archive, args.n, args.distinct)
        print(f"{args.n} generated incident emails, {words:.0f} words each on average, "
              f"{distinct:.0%} of body sentences distinct; {psutil.cpu_count()} cores")
        if not model_available:
            print("note: no trained role model in drafter/model (load_role_model() is None): model variants skipped")
        if args.stages:
            print(f"stages{', with the role model' if model_available else ''}:")
            stage_times(archive, model_available)
        else:
            for model in (False, True):
                if model and not model_available:
                    continue
                for jobs in (1, 2):
                    runs = [run_once(archive, out, model, jobs) for _ in range(args.repeat)]
                    seconds = statistics.median(r[0] for r in runs)
                    memory = max(r[1] for r in runs)
                    print(f"  {'model' if model else 'rules only':<10} jobs {jobs}: {args.n / seconds:6.1f} messages/s "
                          f"({seconds:.1f} s)  peak RSS {memory / 2**20:6.0f} MiB")
        if args.profile:
            profile(archive, out, model_available)


if __name__ == "__main__":
    main()
