app_name = "expertise"

urlpatterns: list = []
