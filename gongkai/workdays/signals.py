from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CalendarDay, HolidayYear
from .services import invalidate_calendar


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=HolidayYear)
def calendar_changed(**kwargs):
    invalidate_calendar()
