app_name = "house_meetings"

urlpatterns: list = []
