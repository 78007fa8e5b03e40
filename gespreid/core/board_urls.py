"""Board pages (/bestuur/<board_slug>/) for board members and board administrators."""

app_name = "board"

urlpatterns: list = []
