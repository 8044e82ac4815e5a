app_name = "workplans"
urlpatterns = []
