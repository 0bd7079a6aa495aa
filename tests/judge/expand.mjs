// Expand an iCalendar file with Mozilla's ical.js (Thunderbird's reader) and with
// node-ical, and print every event instance as JSON, for yearclock/tests/test_feed_judge.py.
//
// usage: node expand.mjs FILE START END   (START/END: ISO UTC instants, END exclusive)
// output: {"icaljs": [[uid, start, end, summary]...], "nodeical": [...]} where start/end
// are "YYYY-MM-DD" for all-day events and UTC seconds since the epoch otherwise.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ICAL from "ical.js";

const require = createRequire(import.meta.url);
const nodeIcal = require("node-ical");

const [file, startText, endText] = process.argv.slice(2);
const text = readFileSync(file, "utf8");
const windowStart = Date.parse(startText) / 1000;
const windowEnd = Date.parse(endText) / 1000;

function pad(number) {
  return String(number).padStart(2, "0");
}

function icalTimeValue(time) {
  if (time.isDate) return `${time.year}-${pad(time.month)}-${pad(time.day)}`;
  return time.toUnixTime();
}

function icaljs() {
  const calendar = new ICAL.Component(ICAL.parse(text));
  // Thunderbird registers the zones a calendar defines; only ours may be used here.
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const found = [];
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const add = (start, end) => {
      if (!start.isDate && start.zone === ICAL.Timezone.localTimezone) {
        throw new Error(`floating or unknown zone in ${event.uid}`);
      }
      found.push([event.uid, icalTimeValue(start), icalTimeValue(end), event.summary]);
    };
    if (event.isRecurring()) {
      const iterator = event.iterator();
      for (let next = iterator.next(); next; next = iterator.next()) {
        if (next.toUnixTime() >= windowEnd) break;
        const details = event.getOccurrenceDetails(next);
        add(details.startDate, details.endDate);
      }
    } else {
      add(event.startDate, event.endDate);
    }
  }
  return found;
}

function nodeIcalValue(date) {
  if (date.dateOnly) {
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }
  return Math.round(date.getTime() / 1000);
}

function nodeical() {
  const found = [];
  for (const item of Object.values(nodeIcal.sync.parseICS(text))) {
    if (item.type !== "VEVENT") continue;
    if (item.rrule) {
      const length = item.end.getTime() - item.start.getTime();
      const between = item.rrule.between(new Date(windowStart * 1000), new Date(windowEnd * 1000), true);
      for (const start of between) {
        const end = new Date(start.getTime() + length);
        found.push([item.uid, nodeIcalValue(start), nodeIcalValue(end), String(item.summary)]);
      }
    } else {
      found.push([item.uid, nodeIcalValue(item.start), nodeIcalValue(item.end), String(item.summary)]);
    }
  }
  return found;
}

process.stdout.write(JSON.stringify({ icaljs: icaljs(), nodeical: nodeical() }));
