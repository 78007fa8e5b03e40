app_name = "innovations"

urlpatterns: list = []
