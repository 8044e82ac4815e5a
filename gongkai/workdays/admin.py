from django.contrib import admin

from gongkai.org.admin_site import RoleRestrictedAdmin, RoleRestrictedInline
from gongkai.org.models import Role

from .models import CalendarDay, HolidayYear


class CalendarDayInline(RoleRestrictedInline, admin.TabularInline):
    model = CalendarDay
    extra = 3
    fields = ["date", "is_workday", "name", "source"]
    readonly_fields = ["source"]
    admin_roles = {Role.SYSTEM_ADMIN}


@admin.register(HolidayYear)
class HolidayYearAdmin(RoleRestrictedAdmin):
    """Each November the 系统管理员 enters next year's State Council notice here."""

    admin_roles = {Role.SYSTEM_ADMIN}
    list_display = ["year", "source", "is_complete", "notice"]
    list_filter = ["source", "is_complete"]
    inlines = [CalendarDayInline]

    def save_formset(self, request, form, formset, change):
        # Once an admin edits a year's days, seeding from the package never touches that year again.
        for day in formset.save(commit=False):
            day.source = HolidayYear.Source.MANUAL
            day.save()
        for day in formset.deleted_objects:
            day.delete()
        if formset.has_changed():
            mark_manual(form.instance)


def mark_manual(year: HolidayYear) -> None:
    if year.source != HolidayYear.Source.MANUAL:
        year.source = HolidayYear.Source.MANUAL
        year.save(update_fields=["source"])


@admin.register(CalendarDay)
class CalendarDayAdmin(RoleRestrictedAdmin):
    """Any single date can be corrected here (放假 ↔ 上班)."""

    admin_roles = {Role.SYSTEM_ADMIN}
    list_display = ["date", "is_workday", "name", "source"]
    list_filter = ["is_workday", "source", "year"]
    search_fields = ["name"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        obj.source = HolidayYear.Source.MANUAL
        super().save_model(request, obj, form, change)
        mark_manual(obj.year)

    def delete_model(self, request, obj):
        year = obj.year
        super().delete_model(request, obj)
        mark_manual(year)
