"""Receivers of the year clock, connected in YearclockConfig.ready() with explicit senders.

Translations: a saved Finnish clock or task brings its Swedish translation up to
date through wagtail-localize in the same transaction, so a Swedish feed read right
after shows the new date; a translation made by copying is recorded as a
wagtail-localize Translation; roles, schools and guides follow as relations in each
translation's own language (kb.translation). Deleting a task in one language deletes
it in all (its dates, roles and schools are shared; a lone translation would
otherwise stand in for it).

Feeds: whatever a calendar feed shows gives the FeedVersion scopes it depends on
new tokens (yearclock.feed_cache.bump), in the same transaction as the change;
after the commit each process drops its memory copies. Completions and reminder
deliveries are not in any feed and change nothing here.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from kb.models import Organisation, Role, School, SchoolBreak, SchoolYear, StaffProfile
from kb.translation import (
    adopt_translation,
    copy_relations,
    is_syncing,
    source_of,
    sync_relations,
    sync_translations,
)
from yearclock.feed_cache import SCOPE_ALL, SCOPE_CLOCKS, bump, clock_scope, user_scope
from yearclock.models import Task, YearClock

RELATION_CHANGES = {"post_add", "post_remove", "post_clear"}


def clock_scopes(*translation_keys):
    return [SCOPE_CLOCKS, *(clock_scope(key) for key in translation_keys if key)]


# -- tasks ----------------------------------------------------------------------------


def remember_previous_clock(sender, instance, raw=False, **kwargs):
    # A task moved to another clock leaves that clock's feeds too.
    instance._previous_clock_key = (
        Task.objects.filter(pk=instance.pk)
        .values_list("year_clock__translation_key", flat=True)
        .first()
        if instance.pk
        else None
    )


def task_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        keep_translations_in_step(instance, created)
    bump(clock_scopes(instance.year_clock.translation_key, instance._previous_clock_key))


def task_deleted(sender, instance, **kwargs):
    Task.objects.filter(translation_key=instance.translation_key).delete()
    clock = YearClock.objects.filter(pk=instance.year_clock_id).first()
    bump(clock_scopes(clock.translation_key if clock else None))


def task_relations_changed(sender, instance, action, reverse, **kwargs):
    if action not in RELATION_CHANGES:
        return
    if reverse:  # from the role, school or page side: which clocks is not worth finding
        bump([SCOPE_ALL])
        return
    if not is_syncing():
        sync_relations(instance, Task.SYNCHRONISED_RELATIONS)
    bump(clock_scopes(instance.year_clock.translation_key))


def keep_translations_in_step(instance, created):
    if created:
        adopt_translation(instance)
        source = source_of(instance) if isinstance(instance, Task) else None
        if source is not None:
            # Neither copy_for_translation nor wagtail-localize copies many-to-many.
            copy_relations(source, instance, Task.SYNCHRONISED_RELATIONS)
    sync_translations(instance)


def clock_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        keep_translations_in_step(instance, created)
    bump(clock_scopes(instance.translation_key))


def clock_changed(sender, instance, **kwargs):
    bump(clock_scopes(instance.translation_key))


# -- what feeds read besides tasks ----------------------------------------------------


def reference_changed(sender, **kwargs):
    """School years and breaks move term-relative dates; roles, schools and
    organisations decide who sees a task. Rare edits: every feed re-renders."""
    bump([SCOPE_ALL])


def profile_changed(sender, instance, **kwargs):
    bump([user_scope(instance.user_id)])


def profile_relations_changed(sender, instance, action, reverse, **kwargs):
    if action not in RELATION_CHANGES:
        return
    bump([SCOPE_ALL] if reverse else [user_scope(instance.user_id)])


def user_groups_changed(sender, instance, action, reverse, **kwargs):
    if action not in RELATION_CHANGES:
        return
    bump([SCOPE_ALL] if reverse else [user_scope(instance.pk)])


def linked_page_changed(sender, instance, **kwargs):
    # Feed descriptions carry the title and address of each task's guides.
    keys = set(
        Task.guides.through.objects.filter(
            page__translation_key=instance.translation_key
        ).values_list("task__year_clock__translation_key", flat=True)
    )
    if keys:
        bump(clock_scopes(*keys))


def restriction_changed(sender, **kwargs):
    """Which guides a feed may name follows view restrictions on the page or any
    ancestor (kb.access): rare edits, every feed re-renders."""
    bump([SCOPE_ALL])


def restriction_groups_changed(sender, action, **kwargs):
    if action in RELATION_CHANGES:
        bump([SCOPE_ALL])


def connect():
    uid = "yearclock"
    pre_save.connect(remember_previous_clock, sender=Task, dispatch_uid=f"{uid}-task-pre")
    post_save.connect(task_saved, sender=Task, dispatch_uid=f"{uid}-task-saved")
    post_delete.connect(task_deleted, sender=Task, dispatch_uid=f"{uid}-task-deleted")
    for name in ("roles", "schools", "guides"):
        m2m_changed.connect(
            task_relations_changed,
            sender=getattr(Task, name).through,
            dispatch_uid=f"{uid}-task-{name}",
        )
    post_save.connect(clock_saved, sender=YearClock, dispatch_uid=f"{uid}-clock-saved")
    post_delete.connect(clock_changed, sender=YearClock, dispatch_uid=f"{uid}-clock-deleted")
    for signal in (post_save, post_delete):
        name = "saved" if signal is post_save else "deleted"
        for model in (SchoolYear, SchoolBreak, Role, School, Organisation):
            signal.connect(
                reference_changed,
                sender=model,
                dispatch_uid=f"{uid}-{model._meta.label_lower}-{name}",
            )
        signal.connect(profile_changed, sender=StaffProfile, dispatch_uid=f"{uid}-profile-{name}")
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}-restriction-{name}",
        )
    for name in ("roles", "schools"):
        m2m_changed.connect(
            profile_relations_changed,
            sender=getattr(StaffProfile, name).through,
            dispatch_uid=f"{uid}-profile-{name}",
        )
    m2m_changed.connect(
        restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=f"{uid}-restriction-groups",
    )
    m2m_changed.connect(
        user_groups_changed,
        sender=get_user_model().groups.through,
        dispatch_uid=f"{uid}-user-groups",
    )
    # Wagtail sends these for pages only, with the page's own class as sender.
    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
    ):
        signal.connect(linked_page_changed, dispatch_uid=f"{uid}-page-{name}")
