"""HTML templates for the network view, shipped as package data."""
