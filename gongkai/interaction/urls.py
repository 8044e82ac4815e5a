app_name = "interaction"
urlpatterns = []
