"""Year-clock tasks in the site search, registered in YearclockConfig.ready().

A task belongs to every school year in which it has an occurrence, among the school
years defined in the admin (kb.SchoolYear): that is what the "school year" facet
offers. The years do not depend on today's date, so nothing goes stale on 1 August;
defining or changing a school year reindexes the tasks (refresh_on).
"""

from kb.access import audience_of
from kb.models import SchoolYear
from search.document import SearchDocument
from search.registration import register
from search.searchables import Searchable
from search.sources import kind_label, labelled
from yearclock.models import Task
from yearclock.occurrences import original_dates


def school_years(task):
    """[[start year, label], …] of the stored school years the task occurs in."""
    years = SchoolYear.objects.order_by("start_year").prefetch_related("breaks")
    return [[str(year.start_year), year.label] for year in years if original_dates(task, year)]


def task_documents(task):
    lang = task.locale.language_code
    return [
        SearchDocument(
            key=f"task:{task.pk}",
            lang=lang,
            kind="task",
            title=task.title,
            body="\n".join(filter(None, [task.description, task.checklist])),
            headings=[str(task.year_clock)],
            url=task.get_absolute_url(),
            scopes=audience_of(task).scopes,
            facets={
                "kind": [["task", kind_label(Task, lang)]],
                "audience": labelled(task.roles.all(), lang),
                "school": labelled(task.schools.all(), lang),
                "school_year": school_years(task),
            },
        )
    ]


def tasks():
    return Task.objects.select_related("locale", "year_clock")


def register_tasks():
    register(
        Searchable(
            model=Task,
            prefix="task",
            documents=task_documents,
            queryset=tasks,
            refresh_on=(SchoolYear,),
        )
    )
