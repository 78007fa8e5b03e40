app_name = "highlights"

urlpatterns: list = []
