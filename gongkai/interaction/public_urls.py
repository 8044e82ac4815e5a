app_name = "interaction_public"
urlpatterns = []
