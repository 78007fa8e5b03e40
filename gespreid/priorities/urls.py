app_name = "priorities"

urlpatterns: list = []
