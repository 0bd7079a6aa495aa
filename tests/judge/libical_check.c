/* Parse an iCalendar file with libical (Evolution's reader), run its restriction
 * check, and print every event as "UID<TAB>start<TAB>end" (UTC seconds, or
 * YYYY-MM-DD for all-day events), after "ERROR<TAB>..." lines for every problem
 * libical reports (X-LIC-ERROR properties, a failed restriction check).
 * Built by yearclock/tests/test_feed_judge.py against Debian's libical-dev. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>

static char *read_file(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *data = malloc(size + 1);
    if (fread(data, 1, size, file) != (size_t)size) { fclose(file); free(data); return NULL; }
    data[size] = 0;
    fclose(file);
    return data;
}

static int report_errors(icalcomponent *component) {
    int count = 0;
    for (icalproperty *p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY);
         p; p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        printf("ERROR\t%s\t%s\n", icalcomponent_kind_to_string(icalcomponent_isa(component)),
               icalproperty_get_xlicerror(p));
        count++;
    }
    for (icalcomponent *c = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT);
         c; c = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        count += report_errors(c);
    }
    return count;
}

static void print_time(struct icaltimetype time) {
    if (time.is_date) {
        printf("%04d-%02d-%02d", time.year, time.month, time.day);
    } else {
        printf("%lld", (long long)icaltime_as_timet_with_zone(time, time.zone));
    }
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE\n", argv[0]); return 2; }
    char *data = read_file(argv[1]);
    if (!data) { perror(argv[1]); return 2; }
    icalcomponent *calendar = icalparser_parse_string(data);
    if (!calendar || icalcomponent_isa(calendar) != ICAL_VCALENDAR_COMPONENT) {
        printf("ERROR\tparse\tnot a VCALENDAR\n");
        return 1;
    }
    if (!icalrestriction_check(calendar)) printf("ERROR\trestriction\tcheck failed\n");
    report_errors(calendar);
    for (icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
         event; event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        struct icaltimetype start = icalcomponent_get_dtstart(event);
        struct icaltimetype end = icalcomponent_get_dtend(event);
        if (!start.is_date && !start.zone) printf("ERROR\tzone\t%s\n", icalcomponent_get_uid(event));
        printf("%s\t", icalcomponent_get_uid(event));
        print_time(start);
        printf("\t");
        print_time(end);
        printf("\n");
    }
    icalcomponent_free(calendar);
    free(data);
    return 0;
}
