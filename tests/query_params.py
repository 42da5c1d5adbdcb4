"""Parameter values each named query runs with on the query fixture (required ones must be given).

An empty value is a substring of every title or label: those queries then read everything.
"""
REQUIRED = {"unit-programmes": {"unit": "区司法局"}, "indicator-series": {"indicator": "出庭应诉率"},
            "label-search": {"text": "法治"}, "provenance": {"target": ""}, "report-metrics": {"report": ""},
            "programme-reports": {"programme": ""}, "target-attainment": {"indicator": "行政机关负责人出庭应诉率"}}
