"""URLs of the funding administration across areas (mounted by ihk/urls.py at the root):
the deadlines of all of the user's areas and the private deadline calendar."""

from django.urls import path

from .views import deadlines

app_name = "funding"

urlpatterns = [
    path("deadlines/", deadlines.MyDeadlinesView.as_view(), name="my_deadlines"),
    path("deadlines/calendar/", deadlines.FeedTokenView.as_view(), name="feed_token"),
    path(
        "deadlines/calendar/<str:token>.ics",
        deadlines.DeadlineFeedView.as_view(),
        name="deadline_feed",
    ),
]
