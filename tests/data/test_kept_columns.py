"""A household's kept columns (data.totals) made for many households at once."""

from shelter_app.data.totals import household_columns, households_columns


def test_many_households_columns_are_each_households_own() -> None:
    members = [{"female_18_59": 2, "male_0_17": 1}, None, {"unspecified": 4, "male_60_plus": 0}]
    vulnerabilities = [["disability", "older_person"], None, ["chronic_illness"]]
    columns = households_columns(members, vulnerabilities)
    assert [{name: values[n] for name, values in columns.items()} for n in range(3)] == [
        household_columns(*row) for row in zip(members, vulnerabilities, strict=True)]
    assert columns["n_female_18_59"] == [2, 0, 0] and columns["disabled"] == [True, False, False]
