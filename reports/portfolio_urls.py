"""URLs of the portfolio over all of the user's areas (mounted at /portfolio/ by ihk/urls.py)."""

from django.urls import path

from . import portfolio_views

app_name = "portfolio"

urlpatterns = [
    path("", portfolio_views.PortfolioView.as_view(), name="overview"),
    path("portfolio.xlsx", portfolio_views.PortfolioXlsxView.as_view(), name="xlsx"),
    path("portfolio.json", portfolio_views.PortfolioJsonView.as_view(), name="json"),
]
