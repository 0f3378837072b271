"""A program's outcomes: the report by month, site and plan, and the exports (long-format CSV,
de-identified CSV, FHIR R4B) for funders, evaluators and health systems."""
