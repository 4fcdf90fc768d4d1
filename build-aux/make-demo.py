#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make-demo.py — write Minutka's demo team sample, data/demo-team.tsv.

  make-demo.py [-o PATH]     write the sample (default: data/demo-team.tsv in the
                             source tree) and print the per-person summary
  make-demo.py --check       regenerate in memory and fail unless the file on disk
                             is identical (so a hand edit of the TSV is noticed)

The sample is hand-crafted: the minutes each manager spends per category on each
day are written out below (each person's "plan"), so the planted problems are
exact and easy to recompute by hand.  The script only cuts those minutes into
realistic entries, lays them out on the clock (09:00-ish to 17:30-18:30, with
lunch and the shared team meetings at fixed times) and writes task texts that
follow the day's story (a call to a client, later the proposal sent to that
client).  Randomness comes from random.Random seeded with fixed strings, so every
run writes the same bytes.

Before writing, the script validates the format the store parses
(core/store/mk-store-demo.c, mk_store_load_demo) and asserts the planted mixes below; it
refuses to write a sample that lost one of them.  Only the standard library.
"""
import argparse
import datetime
import itertools
import os
import random
import statistics
import sys

SEED = "minutka-demo-1"
DAYS = ["2026-11-23", "2026-11-24", "2026-11-25"]  # Monday .. Wednesday
CATS = ["calls", "follow_up", "admin", "meetings", "travel", "training", "other"]
SHORT = {"calls": "calls", "follow_up": "follow", "admin": "admin", "meetings": "meet",
         "travel": "travel", "training": "train", "other": "other"}
PRIME = [(10 * 60, 12 * 60), (14 * 60, 17 * 60)]  # the default prime selling hours
LEVELS = {"junior", "middle", "senior", ""}

FORMAT_COMMENT = [
    "# Minutka demo team sample: 8 sales managers, 3 working days.",
    "# Tab-separated, UTF-8. Lines starting with '#' are comments. Columns:",
    "# person<TAB>email<TAB>level<TAB>day<TAB>start<TAB>minutes<TAB>category<TAB>task",
]

# Minutes per category per day, in CATS order:
#            calls follow admin meet travel train other
# Shared meetings (the Monday planning meeting, the Wednesday sales meeting) are
# part of 'meet'; a client visit is travel there and back plus a 'calls' meeting.
PEOPLE = [
    dict(name="Анна Смирнова", email="anna.smirnova@example.com", level="senior",
         lang="ru", style="normal", trait="balanced",
         plan={"2026-11-23": (190, 85, 75, 50, 40, 15, 10),
               "2026-11-24": (195, 80, 70, 40, 45, 20, 15),
               "2026-11-25": (185, 85, 75, 45, 30, 20, 15)}),
    dict(name="Борис Петров", email="boris.petrov@example.com", level="middle",
         lang="ru", style="scattered", trait="drowning in admin (also inside prime hours)",
         plan={"2026-11-23": (95, 55, 215, 50, 0, 0, 35),
               "2026-11-24": (85, 50, 220, 45, 40, 0, 25),
               "2026-11-25": (95, 60, 205, 45, 0, 15, 30)}),
    dict(name="Дмитрий Волков", email="dmitry.volkov@example.com", level="middle",
         lang="ru", style="normal", trait="balanced",
         plan={"2026-11-23": (200, 75, 70, 50, 0, 30, 15),
               "2026-11-24": (190, 80, 75, 30, 40, 25, 20),
               "2026-11-25": (195, 75, 70, 45, 0, 35, 20)}),
    dict(name="Ольга Лебедева", email="olga.lebedeva@example.com", level="junior",
         lang="ru", style="normal", trait="balanced",
         plan={"2026-11-23": (175, 85, 75, 50, 0, 40, 15),
               "2026-11-24": (180, 80, 70, 45, 0, 45, 20),
               "2026-11-25": (170, 85, 80, 45, 0, 35, 20)}),
    dict(name="Сергей Морозов", email="sergey.morozov@example.com", level="senior",
         lang="ru", style="busy", trait="meetings-heavy, much time in 'other'",
         plan={"2026-11-23": (120, 65, 55, 140, 0, 0, 75),
               "2026-11-24": (125, 60, 55, 135, 0, 15, 70),
               "2026-11-25": (115, 65, 60, 145, 0, 0, 80)}),
    dict(name="James Carter", email="james.carter@example.com", level="middle",
         lang="en", style="normal", trait="balanced",
         plan={"2026-11-23": (200, 75, 70, 45, 45, 15, 20),
               "2026-11-24": (195, 80, 70, 45, 50, 0, 20),
               "2026-11-25": (205, 75, 75, 45, 45, 20, 15)}),
    dict(name="Emily Watson", email="emily.watson@example.com", level="middle",
         lang="en", style="normal", trait="skipping follow-ups",
         plan={"2026-11-23": (265, 0, 75, 45, 50, 15, 15),
               "2026-11-24": (260, 10, 70, 40, 55, 20, 15),
               "2026-11-25": (275, 5, 75, 45, 45, 0, 20)}),
    dict(name="Michael Brown", email="michael.brown@example.com", level="junior",
         lang="en", style="normal", trait="one day logged (weak sample)",
         plan={"2026-11-24": (185, 80, 75, 45, 0, 45, 20)}),
]

CLIENTS = {
    "ru": ["ООО «Вектор»", "АО «Северсталь-Трейд»", "ИП Кузнецов", "ООО «Альфа-Логистик»",
           "ООО «СтройМаркет»", "АО «Уралхимпром»", "ООО «Техносфера»", "ООО «Гранит»",
           "ИП Соколова", "ООО «Медиаплюс»", "ООО «Дельта-Снаб»", "ООО «Полимер-Групп»",
           "АО «Техноресурс»", "ООО «Зерно-Юг»", "ИП Орлов", "ООО «Кварц»", "АО «Волга-Пром»",
           "ООО «Северный ветер»"],
    "en": ["Acme Corp", "Globex", "Initech", "Umbrella Logistics", "Stark Supplies",
           "Wayne Retail", "Vandelay Industries", "Soylent Foods", "Wonka Trading",
           "Tyrell Packaging", "Oscorp Chemicals", "Massive Dynamic", "Hooli"],
}

TEXT = {
    "ru": {
        "call_purpose": ["знакомство", "выявление потребностей", "презентация продукта",
                         "обсуждение условий поставки", "согласование цены", "продление договора",
                         "уточнение объёмов на декабрь"],
        "call": "Звонок {c}: {p}",
        "cold": "Холодный звонок {c}",
        "missed": "Звонок {c}: не дозвонился",
        "call_kp": "Звонок {c}: обсуждение КП",
        "followups": ["Отправить КП {c}", "Письмо по итогам звонка: {c}",
                      "Перезвон {c}: уточнить решение", "Ответ на письмо: {c}",
                      "КП {c}: пересчёт по новым объёмам"],
        "visit_to": "Дорога к клиенту: {c}",
        "visit": "Встреча у клиента {c}: презентация и условия",
        "visit_back": "Дорога от клиента {c} в офис",
        "admin_early": ["Почта и задачи в CRM на день", "Разбор почты, план на день"],
        "admin_late": ["Обновление CRM по итогам дня", "Внесение звонков в CRM"],
        "admin_report": "Отчёт за неделю для РОП",
        "admin_any": ["Счёт на оплату: {c}", "Договор {c}: правки юриста",
                      "Заявка на отгрузку: {c}", "Сверка оплат с бухгалтерией",
                      "Акт сверки: {c}", "Заполнение карточек клиентов в CRM"],
        "admin_heavy": ["Перенос сделок из Excel в CRM", "Исправление дублей в CRM",
                        "Отчёт по воронке для РОП", "Сверка счетов с бухгалтерией",
                        "Договор {c}: согласование", "Счёт на оплату: {c}",
                        "Заявка на скидку: {c}", "Выгрузка отчёта из CRM в Excel",
                        "Заполнение карточек клиентов в CRM", "Акт сверки: {c}",
                        "Переписка с бухгалтерией по оплате: {c}", "Заявка на отгрузку: {c}"],
        "standup": "Планёрка отдела продаж",
        "weekly": "Еженедельное совещание по продажам",
        "meetings": ["1:1 с руководителем", "Разбор сделок с РОП",
                     "Встреча с маркетингом по декабрьской акции",
                     "Созвон с логистикой по срокам поставки"],
        "meetings_lead": ["Совещание с коммерческим директором", "1:1 с Ольгой Лебедевой",
                          "Встреча с маркетингом по декабрьской акции",
                          "Созвон с логистикой по срокам поставки",
                          "Собеседование кандидата в отдел", "Разбор сделок группы",
                          "Бюджет на следующий год: обсуждение с финансами"],
        "training": ["Обучение: работа с возражениями", "Вебинар о новой линейке продукции",
                     "Разбор записей звонков с наставником", "Курс по CRM: воронки продаж"],
        "other": ["Разное", "Помощь коллеге с презентацией", "Поиск образца договора",
                  "Настройка ноутбука после обновления"],
        "other_heavy": ["Разное", "Принтер не печатал, разбирался", "Разбор общей папки на диске",
                        "Подарки клиентам к Новому году", "Без категории",
                        "Пропуск для гостя, ресепшен", "Разное: звонки по личным вопросам"],
    },
    "en": {
        "call_purpose": ["intro", "discovery", "product demo", "pricing discussion", "renewal",
                         "delivery terms", "volumes for December"],
        "call": "Call {c}: {p}",
        "cold": "Cold call {c}",
        "missed": "Call {c}: no answer, left voicemail",
        "call_kp": "Call {c}: walk through the proposal",
        "followups": ["Send proposal to {c}", "Recap email to {c}", "Reply to email from {c}"],
        "visit_to": "Drive to {c}",
        "visit": "Meeting at {c}: presentation and terms",
        "visit_back": "Drive back from {c}",
        "admin_early": ["Inbox and CRM tasks for the day", "Email triage, plan the day"],
        "admin_late": ["CRM update: today's calls", "Log calls and notes in CRM"],
        "admin_report": "Weekly sales report",
        "admin_any": ["Invoice for {c}", "Contract for {c}: legal comments",
                      "Order paperwork for {c}", "Expense report",
                      "Update deal stages in CRM", "Discount approval form for {c}"],
        "standup": "Monday sales stand-up",
        "weekly": "Weekly sales meeting",
        "meetings": ["1:1 with sales lead", "Pipeline review with sales lead",
                     "Marketing sync on the December promo",
                     "Call with logistics about delivery dates"],
        "training": ["Training: objection handling", "Webinar: new product line",
                     "Listening to call recordings with coach", "Online course: negotiation"],
        "other": ["Misc", "Helping a colleague with slides", "Looking for a contract template",
                  "Laptop update"],
    },
}

# Team meetings at the same clock time for everyone: (day, start, minutes, text key).
ANCHORS = [("2026-11-23", 9 * 60 + 30, 20, "standup"),
           ("2026-11-25", 16 * 60, 45, "weekly")]


class Entry:
    """One logged line; start, day and task are filled in later."""

    def __init__(self, cat, minutes, kind):
        self.cat, self.minutes, self.kind = cat, minutes, kind
        self.start = self.day = self.task = None


def split(rng, total, sizes):
    """Cut TOTAL minutes into chunks drawn from SIZES (each 5..90), summing exactly."""
    lo, hi = min(sizes), max(sizes)
    out = []
    while total > hi:
        s = rng.choice(sizes)
        if total - s < lo:
            s = total - lo
        out.append(s)
        total -= s
    if total:
        if total >= lo or not out:
            out.append(total)
        else:
            out[-1] += total  # a remainder under LO joins the previous chunk
    return out


def window(t):
    if t < 10 * 60:
        return "early"
    if 12 * 60 <= t < 14 * 60:
        return "midday"
    if t >= 17 * 60:
        return "late"
    return "prime"


# Which unit tags a manager reaches for first at each time of day.
ORDER = {
    "normal": {"early": ["early", "any", "midday", "late"],
               "prime": ["any", "midday", "late", "early"],
               "midday": ["midday", "any", "late", "early"],
               "late": ["late", "midday", "any", "early"]},
    # Boris does paperwork whenever it comes up, and much of it lands in the
    # prime selling hours (units tagged "prime").
    "scattered": {"early": ["early", "any", "midday", "late", "prime"],
                  "prime": ["prime", "any", "midday", "late", "early"],
                  "midday": ["any", "midday", "late", "prime", "early"],
                  "late": ["late", "any", "midday", "prime", "early"]},
}
ORDER["busy"] = ORDER["normal"]


def make_units(rng, person, day, mins):
    """Cut one day's per-category minutes into units (lists of consecutive entries),
    each with a tag saying when in the day it tends to happen, plus fixed anchors."""
    calls, follow, admin, meet, travel, train, other = mins
    style = person["style"]
    units, anchors = [], []

    for a_day, a_start, a_min, key in ANCHORS:
        if a_day == day:
            anchors.append((a_start, [Entry("meetings", a_min, key)]))
            meet -= a_min
    assert meet == 0 or meet >= 15, (person["name"], day, "meetings left over")

    if travel:
        to = 5 * round(travel / 10)
        visit = rng.choice([45, 50, 60])
        units.append(("any", [Entry("travel", to, "visit_to"), Entry("calls", visit, "visit"),
                              Entry("travel", travel - to, "visit_back")]))
        calls -= visit

    for s in split(rng, calls, [5, 7, 10, 12, 15, 15, 20, 20, 25, 30]):
        units.append(("any", [Entry("calls", s, "call")]))
    if follow:
        for s in split(rng, follow, [5, 10, 10, 15, 15, 20]):
            units.append(("any", [Entry("follow_up", s, "followup")]))

    # Admin: a morning look at mail and CRM, the CRM update at the end of the day,
    # the weekly report on Wednesday, and paperwork in between.
    early = rng.choice([15, 20, 25])
    late = rng.choice([15, 20, 25])
    report = 30 if day == "2026-11-25" else 0
    if admin - early - late - report < 0:  # a light admin day keeps both short
        early = late = 10
    units.insert(0, ("early", [Entry("admin", early, "admin_early")]))
    rest = admin - early - late - report
    assert rest >= 0, (person["name"], day)
    if style == "scattered":
        for s in split(rng, rest, [15, 20, 25, 30, 35, 40, 45, 60]):
            tag = "prime" if rng.random() < 0.6 else "any"
            units.append((tag, [Entry("admin", s, "admin_heavy")]))
    else:
        for s in split(rng, rest, [10, 15, 20]):
            units.append(("midday", [Entry("admin", s, "admin_any")]))
    if report:
        units.append(("late", [Entry("admin", report, "admin_report")]))
    units.append(("last", [Entry("admin", late, "admin_late")]))

    if meet:
        kind = "meetings_lead" if style == "busy" else "meetings"
        for s in split(rng, meet, [25, 30, 30, 40, 45, 60]):
            units.append(("any", [Entry("meetings", s, kind)]))
    if train:
        for s in split(rng, train, [15, 20, 25, 30, 45]):
            units.append(("any", [Entry("training", s, "training")]))
    if other:
        if style == "busy":
            for s in split(rng, other, [10, 15, 20, 25, 30]):
                units.append(("any", [Entry("other", s, "other_heavy")]))
        else:
            for s in split(rng, other, [5, 10, 15]):
                units.append(("midday", [Entry("other", s, "other")]))

    head = units[0]
    body = units[1:]
    rng.shuffle(body)
    return [head] + body, anchors


def lay_out(rng, person, units, anchors):
    """Put the units on the clock: the day starts about 09:00, lunch comes after about
    13:00, anchors keep their time, and the breaks between units are cut from the
    slack before an end picked in 17:40-18:20 (validate() checks 17:30-18:30)."""
    t = rng.choice([8 * 60 + 55, 9 * 60, 9 * 60, 9 * 60 + 2, 9 * 60 + 5])
    lunch_at = rng.choice([12 * 60 + 45, 13 * 60, 13 * 60 + 5])
    lunch_len = rng.choice([40, 45, 50, 60])
    end = rng.randrange(17 * 60 + 40, 18 * 60 + 21)
    logged = sum(e.minutes for _, u in units + anchors for e in u)
    n_gaps = len(units) + len(anchors) - 1
    weights = [rng.random() ** 2 for _ in range(n_gaps)]
    slack = max(0, end - t - lunch_len - logged)
    gaps = [int(slack * w / sum(weights)) for w in weights]
    lunched = False
    order = ORDER[person["style"]]
    pending = list(anchors)
    while units or pending:
        if not lunched and t >= lunch_at:
            t += lunch_len
            lunched = True
        limit = pending[0][0] if pending else 24 * 60
        near_lunch = not lunched and t >= lunch_at - 30
        if near_lunch:  # nothing long just before lunch
            limit = min(limit, lunch_at + 20)
        pick = None
        for tag in order[window(t)]:
            for i, (utag, unit) in enumerate(units):
                if utag == tag and t + sum(e.minutes for e in unit) <= limit:
                    pick = i
                    break
            if pick is not None:
                break
        if pick is None and near_lunch:
            t += lunch_len
            lunched = True
            continue
        if pick is None and not pending:
            assert units[0][0] == "last", "a unit is left without a place"
            pick = 0
        if pick is None:
            idle = max(0, pending[0][0] - t)
            t += idle
            for i in range(len(gaps)):  # the wait comes out of the later breaks
                cut = min(idle, gaps[i])
                gaps[i] -= cut
                idle -= cut
            unit = pending.pop(0)[1]
        else:
            unit = units.pop(pick)[1]
        for e in unit:
            e.start = t
            t += e.minutes
        if gaps:
            t += gaps.pop()


def write_tasks(rng, person, entries):
    """Give entries task texts in clock order, so follow-ups follow calls."""
    text = TEXT[person["lang"]]
    clients = list(CLIENTS[person["lang"]])
    rng.shuffle(clients)
    fresh = itertools.cycle(clients)
    called, proposed, known = [], [], []
    visited = None
    cycle = {}

    def next_of(key):
        items = text[key]
        i = cycle.get(key, rng.randrange(len(items)))
        cycle[key] = i + 1
        return items[i % len(items)]

    for e in entries:
        if e.kind == "call":
            if proposed and rng.random() < 0.3:
                c = proposed.pop(0)
                e.task = text["call_kp"].format(c=c)
            else:
                c = next(fresh)
                if e.minutes <= 7:
                    e.task = text["missed"].format(c=c)
                elif c not in known and rng.random() < 0.3:
                    e.task = text["cold"].format(c=c)
                else:
                    e.task = text["call"].format(c=c, p=next_of("call_purpose"))
                if e.minutes > 7:
                    called.append(c)
                if c not in known:
                    known.append(c)
        elif e.kind == "followup":
            c = called.pop(0) if called else next(fresh)
            e.task = next_of("followups").format(c=c)
            proposed.append(c)
        elif e.kind == "visit_to":  # the meeting and the way back follow at once
            visited = next(fresh)
            e.task = text["visit_to"].format(c=visited)
        elif e.kind in ("visit", "visit_back"):
            e.task = text[e.kind].format(c=visited)
        elif e.kind in ("standup", "weekly", "admin_report"):
            e.task = text[e.kind]
        else:  # paperwork names one of the clients the manager has talked to
            c = rng.choice(known[-6:]) if known else clients[0]
            e.task = next_of(e.kind).format(c=c)


def build():
    """Returns the data rows and, per person, the numbers the summary shows."""
    rows, stats = [], []
    for person in PEOPLE:
        st = {"minutes": dict.fromkeys(CATS, 0), "days": 0, "admin_prime": 0}
        entries = []
        for day in DAYS:
            if day not in person["plan"]:
                continue
            rng = random.Random(f"{SEED}/{person['email']}/{day}")
            units, anchors = make_units(rng, person, day, person["plan"][day])
            day_entries = [e for _, u in units + anchors for e in u]
            lay_out(rng, person, units, anchors)
            day_entries.sort(key=lambda e: e.start)
            for e in day_entries:
                e.day = day
            entries += day_entries
            st["days"] += 1
        write_tasks(random.Random(f"{SEED}/{person['email']}/tasks"), person, entries)
        for e in entries:
            st["minutes"][e.cat] += e.minutes
            if e.cat == "admin":
                st["admin_prime"] += sum(max(0, min(e.start + e.minutes, b) - max(e.start, a))
                                         for a, b in PRIME)
            rows.append((person["name"], person["email"], person["level"], e.day,
                         "%02d:%02d" % divmod(e.start, 60), str(e.minutes), e.cat, e.task))
        stats.append((person, st))
    return rows, stats


def shares(st):
    total = sum(st["minutes"].values())
    return {c: 100.0 * st["minutes"][c] / total for c in CATS}, total


def summary(stats):
    """The per-person table: share of logged minutes per category, minutes per day,
    the share of admin minutes inside prime hours, and the planted problem."""
    head = "%-15s %-6s %4s %7s " % ("person", "level", "days", "min/day")
    head += " ".join("%6s" % SHORT[c] for c in CATS) + "  admin@prime  planted"
    lines = [head]
    for person, st in stats:
        sh, total = shares(st)
        admin = st["minutes"]["admin"]
        line = "%-15s %-6s %4d %7.1f " % (person["name"], person["level"] or "-", st["days"],
                                          total / st["days"])
        line += " ".join("%5.1f%%" % sh[c] for c in CATS)
        line += "  %4d=%3.0f%%   %s" % (st["admin_prime"],
                                        100.0 * st["admin_prime"] / admin if admin else 0,
                                        person["trait"])
        lines.append(line)
    return "\n".join(lines)


def medians(stats):
    """Team median share per category over the adequate samples (>= 2 days and
    coverage >= 60% of a 480-minute day), as the analysis computes them."""
    ok = [st for _, st in stats
          if st["days"] >= 2 and sum(st["minutes"].values()) / st["days"] >= 0.6 * 480]
    line = "team median (%d adequate samples): " % len(ok)
    line += " ".join("%s %.1f%%" % (SHORT[c], statistics.median(shares(st)[0][c] for st in ok))
                     for c in CATS)
    return line


def check_planted(stats):
    """Fail unless every planted mix is still there, with the numbers the brief asks."""
    by = {p["trait"].split(" (")[0].split(",")[0]: (p, st) for p, st in stats}
    balanced = [(p, st) for p, st in stats if p["trait"] == "balanced"]
    assert 4 <= len(balanced) <= 5
    for p, st in balanced:
        sh, total = shares(st)
        assert 38 <= sh["calls"] <= 45, p["name"]
        assert 15 <= sh["follow_up"] <= 20, p["name"]
        assert 15 <= sh["admin"] <= 18, p["name"]
        assert 8 <= sh["meetings"] <= 12, p["name"]
        assert 430 <= total / st["days"] <= 480, p["name"]
        assert st["admin_prime"] <= 0.25 * st["minutes"]["admin"], p["name"]
    p, st = by["drowning in admin"]
    sh, _ = shares(st)
    assert sh["admin"] >= 40 and sh["calls"] <= 22
    assert st["admin_prime"] >= 0.5 * st["minutes"]["admin"], st["admin_prime"]
    p, st = by["skipping follow-ups"]
    sh, _ = shares(st)
    assert sh["follow_up"] <= 3 and sh["calls"] >= 50
    p, st = by["meetings-heavy"]
    sh, _ = shares(st)
    assert sh["meetings"] >= 28 and sh["other"] >= 15
    p, st = by["one day logged"]
    assert st["days"] == 1 and list(p["plan"]) == ["2026-11-24"]
    for p, st in stats:
        if p["trait"] != "meetings-heavy, much time in 'other'":
            assert shares(st)[0]["other"] < 10, p["name"]


def validate(lines):
    """Parse LINES the way the store does and check every rule of the format,
    plus the sample's own promises (entry lengths, no overlaps, the working day)."""
    seen = {}
    for n, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        f = line.split("\t")
        assert len(f) == 8, (n, line)
        person, email, level, day, start, minutes, cat, task = f
        assert person.strip() == person and person, n
        assert "@" in email and level in LEVELS and cat in CATS and task.strip(), n
        datetime.date.fromisoformat(day)
        assert len(start) == 5 and start[2] == ":", n
        hh, mm = int(start[:2]), int(start[3:])
        assert 0 <= hh < 24 and 0 <= mm < 60, n
        m = int(minutes)
        assert str(m) == minutes and 5 <= m <= 90, n
        seen.setdefault((person, day), []).append((hh * 60 + mm, m, n))
    assert len({p for p, _ in seen}) == 8
    for (person, day), spans in seen.items():
        spans.sort()
        for (s1, m1, n1), (s2, _, n2) in zip(spans, spans[1:]):
            assert s1 + m1 <= s2, ("overlap", person, day, n1, n2)
        assert 8 * 60 + 50 <= spans[0][0] <= 9 * 60 + 15, (person, day, "start")
        end = spans[-1][0] + spans[-1][1]
        assert 17 * 60 + 30 <= end <= 18 * 60 + 30, (person, day, "end %d:%02d" % divmod(end, 60))


def render(rows, stats):
    out = list(FORMAT_COMMENT)
    out.append("#")
    out.append("# Written by build-aux/make-demo.py; edit the script, not this file.")
    out.append("# Planted mixes (share of logged minutes over the sample; admin@prime = admin")
    out.append("# minutes inside the prime selling hours 10:00-12:00 and 14:00-17:00):")
    out += ["#   " + line for line in summary(stats).split("\n")]
    out += ["#   " + line for line in medians(stats).split("\n")]
    out += ["\t".join(r) for r in rows]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("-o", "--output", default=os.path.join(here, "..", "data", "demo-team.tsv"))
    ap.add_argument("--check", action="store_true",
                    help="fail unless OUTPUT is exactly what this script writes")
    args = ap.parse_args()
    rows, stats = build()
    print(summary(stats))
    print(medians(stats))
    check_planted(stats)
    text = render(rows, stats)
    validate(text.splitlines())
    if args.check:
        with open(args.output, encoding="utf-8") as f:
            if f.read() != text:
                print("%s differs from what make-demo.py writes" % args.output, file=sys.stderr)
                return 1
        return 0
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
