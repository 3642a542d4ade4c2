"""Finding dwellings: folded prefix search over reference, address, household and landlord,
sorting, paging, reindexing, and reading one dwelling's file."""

import uuid

import pytest

import factories
from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling, Household, Landlord, Office
from shelter_app.domain import clock
from shelter_app.domain.errors import NotFound
from shelter_app.domain.stages import Stage
from shelter_app.services.cases.dwellings import (
    SortKey,
    count_dwellings,
    dwelling_file,
    reindex,
    search_dwellings,
)


def refs(db: Database, text: str = "", **options: object) -> list[str]:
    return [row.ref for row in search_dwellings(db, text, limit=None, **options)]  # type: ignore[arg-type]


@pytest.fixture
def gaz(db: Database) -> Office:
    return factories.office(db, "GAZ", province="Gaziantep")


@pytest.fixture
def sur(db: Database) -> Office:
    return factories.office(db, "SUR", province="Şanlıurfa")


@pytest.fixture
def ank(db: Database) -> Office:
    return factories.office(db, "ANK", province="Ankara")


# --- what the words match --------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["ibrahim", "IBRAHIM", "İbrahim", "IBRAHİM", "İBRAHİM"])
def test_turkish_dotted_capital_i_in_any_case(db: Database, gaz: Office, typed: str) -> None:
    wanted = factories.dwelling(db, gaz, head_name="İbrahim Çelik")
    factories.dwelling(db, gaz, head_name="Ayşe Yılmaz")
    assert refs(db, typed) == [wanted.ref]


def test_turkish_letters_typed_without_diacritics(db: Database, gaz: Office, sur: Office,
                                                  ank: Office) -> None:
    in_urfa = factories.dwelling(db, sur, district="Haliliye")
    in_kecioren = factories.dwelling(db, ank, district="Keçiören")
    factories.dwelling(db, gaz)
    assert refs(db, "sanliurfa") == [in_urfa.ref]
    assert refs(db, "ŞANLIURFA") == [in_urfa.ref]
    assert refs(db, "kecioren") == [in_kecioren.ref]
    assert refs(db, "Keçiören") == [in_kecioren.ref]


def test_a_word_prefix_matches(db: Database, gaz: Office) -> None:
    wanted = factories.dwelling(db, gaz, head_name="İbrahim Çelik")
    factories.dwelling(db, gaz, head_name="Ayşe Yılmaz")
    assert refs(db, "ibra") == [wanted.ref]
    assert refs(db, "cel") == [wanted.ref]


def test_tokens_are_prefix_matched_so_a_fragment_inside_a_word_does_not_match(
    db: Database, gaz: Office
) -> None:
    factories.dwelling(db, gaz, head_name="İbrahim Çelik")
    assert refs(db, "brahim") == []
    assert refs(db, "elik") == []


def test_all_words_must_match(db: Database, gaz: Office, sur: Office) -> None:
    urfa_ibrahim = factories.dwelling(db, sur, head_name="İbrahim Çelik")
    factories.dwelling(db, gaz, head_name="İbrahim Kaya")
    factories.dwelling(db, sur, head_name="Ayşe Yılmaz")
    assert refs(db, "ibrahim sanliurfa") == [urfa_ibrahim.ref]
    assert refs(db, "sanliurfa ibrahim") == [urfa_ibrahim.ref]
    assert refs(db, "ibrahim  ,  celik") == [urfa_ibrahim.ref]
    assert refs(db, "ibrahim ankara") == []


def test_arabic_names_with_and_without_hamza(db: Database, gaz: Office) -> None:
    wanted = factories.dwelling(db, gaz, head_name="محمد الأحمد")
    factories.dwelling(db, gaz, head_name="خالد حداد")
    assert refs(db, "محمد") == [wanted.ref]
    assert refs(db, "الأحمد") == [wanted.ref]
    assert refs(db, "الاحمد") == [wanted.ref]  # bare alef typed for alef with hamza
    assert refs(db, "مُحَمَّد") == [wanted.ref]  # with vowel marks


def test_landlord_names_are_searchable(db: Database, gaz: Office) -> None:
    wanted = factories.dwelling(db, gaz, landlord_name="Güneş Emlak A.Ş.")
    other = factories.dwelling(db, gaz, landlord_name="Mehmet Öztürk")
    assert refs(db, "gunes emlak") == [wanted.ref]
    assert refs(db, "GÜNEŞ") == [wanted.ref]
    assert refs(db, "ozturk") == [other.ref]


def test_references_whole_or_as_separate_words(db: Database, gaz: Office) -> None:
    wanted = factories.dwelling(db, gaz, ref="GAZ-D-000123")
    factories.dwelling(db, gaz, ref="GAZ-D-000124")
    factories.dwelling(db, gaz, ref="GAZ-D-001123")
    for typed in ("GAZ-D-000123", "gaz-d-000123", "gaz d 000123", "GAZ D 000123", "000123"):
        assert refs(db, typed) == [wanted.ref], typed
    assert refs(db, "gaz d 00012") == ["GAZ-D-000123", "GAZ-D-000124"]


def test_household_reference_is_searchable(db: Database, gaz: Office) -> None:
    wanted = factories.dwelling(db, gaz)
    factories.dwelling(db, gaz)
    with db.read() as session:
        household_ref = session.get(Household, wanted.household_id).ref  # type: ignore[union-attr]
    assert refs(db, household_ref) == [wanted.ref]


@pytest.fixture
def references(db: Database, gaz: Office, sur: Office) -> dict[str, Dwelling]:
    """Dwellings of two offices, one enrolled laptop's (mark K), and a Şanlıurfa dwelling on
    Gaziler Caddesi with a GAZ household: each starts a word with "gaz" but not its reference."""
    made = {ref: factories.dwelling(db, gaz, ref=ref) for ref in (
        "GAZ-D-000123", "GAZ-D-000124", "GAZ-D-001123", "GAZ-D-K00001")}
    made["SUR-D-000123"] = factories.dwelling(db, sur, ref="SUR-D-000123", street="Gaziler Cd.")
    with db.write() as session:
        household = session.get(Household, made["SUR-D-000123"].household_id)
        assert household is not None
        household.ref = "GAZ-H-009999"
        reindex(session, made["SUR-D-000123"])
    return made


@pytest.mark.parametrize(("typed", "found"), [
    ("GAZ-", ["GAZ-D-000123", "GAZ-D-000124", "GAZ-D-001123", "GAZ-D-K00001"]),
    ("gaz-d", ["GAZ-D-000123", "GAZ-D-000124", "GAZ-D-001123", "GAZ-D-K00001"]),
    ("GAZ-D-", ["GAZ-D-000123", "GAZ-D-000124", "GAZ-D-001123", "GAZ-D-K00001"]),
    ("GAZ-D-0", ["GAZ-D-000123", "GAZ-D-000124", "GAZ-D-001123"]),
    ("  gaz-d-0001 ", ["GAZ-D-000123", "GAZ-D-000124"]),
    ("GAZ-D-000123", ["GAZ-D-000123"]),
    ("gaz-d-k", ["GAZ-D-K00001"]),
    ("GAZ-D-1", []),
    ("SUR-D-0", ["SUR-D-000123"]),
    ("GAZ-L-0", []),  # a landlord's reference is not a dwelling's
])
def test_a_typed_reference_start_finds_the_references_that_start_so(
        db: Database, references: dict[str, Dwelling], typed: str, found: list[str]) -> None:
    assert refs(db, typed) == found
    assert refs(db, typed, descending=True) == found[::-1]
    for sort in SortKey:
        assert sorted(refs(db, typed, sort=sort)) == found, sort


def test_a_typed_household_reference_start_finds_its_dwellings(
        db: Database, references: dict[str, Dwelling]) -> None:
    assert refs(db, "GAZ-H-0099") == ["SUR-D-000123"]
    assert refs(db, "gaz-h-009999") == ["SUR-D-000123"]
    with db.read() as session:
        households = [session.get(Household, references[ref].household_id) for ref in
                      ("GAZ-D-000123", "GAZ-D-000124")]
    assert refs(db, households[0].ref) == ["GAZ-D-000123"]  # type: ignore[union-attr]
    assert refs(db, "GAZ-H-") == sorted(references)


@pytest.mark.parametrize("typed", ["kil-d-0", "KİL-D-0", "kıl-d-0", "KIL-D-0", "Kil-d-0"])
def test_a_typed_reference_in_any_case_with_turkish_i(db: Database, typed: str) -> None:
    kilis = factories.office(db, "KIL", province="Kilis")
    wanted = factories.dwelling(db, kilis, ref="KIL-D-000001")
    factories.dwelling(db, kilis, ref="KIL-D-100001")
    factories.dwelling(db, kilis, ref="KLS-D-000001", street="Kilim Sokak")
    assert refs(db, typed) == [wanted.ref]


def test_other_text_is_searched_as_words(db: Database, references: dict[str, Dwelling]) -> None:
    """An office code alone, a reference with spaces or with more after it are words: "gaz"
    starts words of the references, of a household's reference and of a street."""
    assert refs(db, "gaz") == sorted(references)
    assert refs(db, "GAZ") == sorted(references)
    assert refs(db, "gaziler") == ["SUR-D-000123"]
    assert refs(db, "gaz d k0") == ["GAZ-D-K00001"]
    assert refs(db, "GAZ-D-K00001 ayşe") == ["GAZ-D-K00001"]
    assert refs(db, "k00001") == ["GAZ-D-K00001"]


def test_empty_or_punctuation_only_text_lists_everything(db: Database, gaz: Office) -> None:
    made = sorted(factories.dwelling(db, gaz).ref for _ in range(3))
    assert refs(db, "") == made
    assert refs(db, "  - , ") == made


def test_soft_deleted_dwellings_are_not_listed(db: Database, gaz: Office) -> None:
    kept = factories.dwelling(db, gaz, head_name="İbrahim Çelik")
    gone = factories.dwelling(db, gaz, head_name="İbrahim Kaya")
    assert count_dwellings(db) == 2
    with db.write() as session:
        session.get(Dwelling, gone.id).deleted_at = clock.now()  # type: ignore[union-attr]
    assert refs(db, "ibrahim") == [kept.ref]
    assert refs(db) == [kept.ref]
    assert count_dwellings(db) == 1


# --- sorting and paging ----------------------------------------------------------------------


@pytest.fixture
def sortable(db: Database, gaz: Office, sur: Office, ank: Office) -> dict[str, str]:
    """Four dwellings whose order differs for every sort key; names keep to letters whose
    code-point order equals the Turkish alphabet, so the expectation does not depend on a
    collation."""
    made = {
        "a": factories.dwelling(db, sur, ref="SUR-D-000001", stage=Stage.MONITORED,
                                head_name="Bekir Demir", landlord_name="Zafer Kurt"),
        "b": factories.dwelling(db, gaz, ref="GAZ-D-000001", stage=Stage.REGISTERED,
                                head_name="Zeynep Kaya", landlord_name="Hasan Tan"),
        "c": factories.dwelling(db, ank, ref="ANK-D-000001", stage=Stage.AGREEMENT_SIGNED,
                                head_name="Murat Polat", landlord_name="Ali Er"),
        "d": factories.dwelling(db, gaz, ref="GAZ-D-000002", stage=Stage.BOQ_DRAFTED,
                                head_name="Ahmet Sever", landlord_name="Nuri Pak"),
    }
    return {key: record.ref for key, record in made.items()}


@pytest.mark.parametrize(
    ("sort", "first_ascending", "first_descending"),
    [
        (SortKey.REF, "c", "a"),  # ANK-... / SUR-...
        (SortKey.PROVINCE, "c", "a"),  # Ankara / Şanlıurfa
        (SortKey.HOUSEHOLD, "d", "b"),  # Ahmet / Zeynep
        (SortKey.LANDLORD, "c", "a"),  # Ali / Zafer
        (SortKey.STAGE, "b", "a"),  # registered / monitored (case-flow order)
    ],
)
def test_sort_first_row(db: Database, sortable: dict[str, str], sort: SortKey,
                        first_ascending: str, first_descending: str) -> None:
    ascending = search_dwellings(db, sort=sort)
    descending = search_dwellings(db, sort=sort, descending=True)
    assert ascending[0].ref == sortable[first_ascending]
    assert descending[0].ref == sortable[first_descending]
    assert len(ascending) == len(descending) == 4


def test_stage_sort_follows_the_case_flow_not_the_alphabet(
    db: Database, sortable: dict[str, str]
) -> None:
    stages = [row.stage for row in search_dwellings(db, sort=SortKey.STAGE)]
    assert stages == [Stage.REGISTERED, Stage.BOQ_DRAFTED, Stage.AGREEMENT_SIGNED,
                      Stage.MONITORED]
    assert stages != sorted(stages, key=str)  # alphabetical would start with agreement_signed


def test_rows_carry_the_names_of_the_page(db: Database, sortable: dict[str, str]) -> None:
    rows = {row.ref: row for row in search_dwellings(db)}
    row = rows[sortable["a"]]
    assert (row.province, row.district, row.household, row.landlord, row.stage) == (
        "Şanlıurfa", "Şahinbey", "Bekir Demir", "Zafer Kurt", Stage.MONITORED)


def test_every_stage_sorts_in_case_flow_order(demo_db: Database) -> None:
    order = list(Stage)
    stages = [row.stage for row in search_dwellings(demo_db, sort=SortKey.STAGE, limit=None)]
    assert stages == sorted(stages, key=order.index)
    assert set(stages) == set(Stage)
    backwards = [row.stage for row in search_dwellings(demo_db, sort=SortKey.STAGE,
                                                       descending=True, limit=None)]
    assert backwards == sorted(stages, key=order.index, reverse=True)


@pytest.mark.parametrize("sort", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_pages_are_disjoint_consecutive_and_cover_every_row(
    demo_db: Database, sort: SortKey, descending: bool
) -> None:
    everything = search_dwellings(demo_db, sort=sort, descending=descending, limit=None)
    assert len(everything) == 120
    size = 25
    pages = [
        search_dwellings(demo_db, sort=sort, descending=descending, offset=offset, limit=size)
        for offset in range(0, 150, size)
    ]
    assert [len(page) for page in pages] == [25, 25, 25, 25, 20, 0]
    ids = [row.id for page in pages for row in page]
    assert len(set(ids)) == len(ids) == 120
    assert [row.ref for page in pages for row in page] == [row.ref for row in everything]


@pytest.mark.parametrize("sort", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_paging_a_filtered_search(demo_db: Database, sort: SortKey, descending: bool) -> None:
    everything = refs(demo_db, "gaziantep", sort=sort, descending=descending)
    assert len(everything) == 20  # 120 dwellings over six offices
    pages = [
        [row.ref for row in search_dwellings(demo_db, "gaziantep", sort=sort,
                                             descending=descending, offset=offset, limit=7)]
        for offset in (0, 7, 14, 21)
    ]
    assert [len(page) for page in pages] == [7, 7, 6, 0]
    assert [ref for page in pages for ref in page] == everything
    if sort is SortKey.REF:
        assert everything == sorted(everything, reverse=descending)


def test_pages_stay_full_after_a_soft_delete(db: Database, gaz: Office) -> None:
    """Soft-deleting (deleted_at + reindex, as the services do) must not leave short pages,
    which would make a lazily loading list stop early."""
    made = [factories.dwelling(db, gaz, head_name="İbrahim Kaya") for _ in range(5)]
    with db.write() as session:
        dwelling = session.get(Dwelling, made[0].id)
        assert dwelling is not None
        dwelling.deleted_at = clock.now()
        reindex(session, dwelling)
    live = sorted(record.ref for record in made[1:])
    for text in ("ibrahim", "ibrahim kaya", "", "i"):
        for sort in SortKey:
            first = [row.ref for row in search_dwellings(db, text, sort=sort, limit=2)]
            rest = [row.ref for row in search_dwellings(db, text, sort=sort, offset=2, limit=2)]
            assert len(first) == len(rest) == 2, (text, sort)
            assert sorted(first + rest) == live, (text, sort)


# --- keeping the index in step ---------------------------------------------------------------


def test_reindex_after_renaming_the_household_head(db: Database, gaz: Office) -> None:
    record = factories.dwelling(db, gaz, head_name="İbrahim Çelik")
    with db.write() as session:
        household = session.get(Household, record.household_id)
        assert household is not None
        household.head_name = "Hatice Şahin"
        dwelling = session.get(Dwelling, record.id)
        assert dwelling is not None
        reindex(session, dwelling)
    assert refs(db, "hatice") == [record.ref]
    assert refs(db, "sahin") == [record.ref]
    assert refs(db, "ibrahim") == []
    assert refs(db, "celik") == []
    assert refs(db, "gaziantep") == [record.ref]  # the rest of the tokens are still there


def test_reindex_after_changing_the_landlord(db: Database, gaz: Office) -> None:
    record = factories.dwelling(db, gaz, landlord_name="Mehmet Öztürk")
    with db.write() as session:
        landlord = Landlord(ref="GAZ-L-999999", office_id=gaz.id, kind="person",
                            name="Kılıç Gayrimenkul")
        session.add(landlord)
        session.flush()
        dwelling = session.get(Dwelling, record.id)
        assert dwelling is not None
        dwelling.landlord_id = landlord.id
        reindex(session, dwelling)
    assert refs(db, "kilic") == [record.ref]
    assert refs(db, "ozturk") == []


# --- one dwelling's file ---------------------------------------------------------------------


def test_dwelling_file_by_ref_and_by_id(db: Database, gaz: Office) -> None:
    record = factories.dwelling(db, gaz, head_name="İbrahim Çelik",
                                landlord_name="Mehmet Öztürk", flat_no="3",
                                stage=Stage.ASSESSED)
    by_ref = dwelling_file(db, record.ref)
    by_id = dwelling_file(db, record.id)
    assert by_ref == by_id
    assert by_ref.id == record.id and by_ref.ref == record.ref
    assert by_ref.stage is Stage.ASSESSED
    assert by_ref.address == "Karşıyaka Mah., Gül Sokak No:5/3, Şahinbey/Gaziantep"
    assert by_ref.household is not None and by_ref.household.name == "İbrahim Çelik"
    assert by_ref.household.detail.startswith("1 people")
    assert by_ref.landlord is not None and by_ref.landlord.name == "Mehmet Öztürk"
    assert (by_ref.photo_count, by_ref.boq_count, by_ref.assessments, by_ref.agreements) == (
        0, 0, [], [])
    assert by_ref.labour_days == 0


@pytest.mark.parametrize("missing", ["GAZ-D-999999", uuid.UUID(int=7)])
def test_dwelling_file_of_an_unknown_dwelling(db: Database, gaz: Office,
                                              missing: str | uuid.UUID) -> None:
    factories.dwelling(db, gaz)
    with pytest.raises(NotFound, match=str(missing)):
        dwelling_file(db, missing)


def test_names_sort_in_turkish_order_across_pages(db: Database, gaz: Office) -> None:
    """The database orders by the Turkish collation (a function on SQLite, ICU's tr on
    PostgreSQL), so a list read a page at a time is in dictionary order from end to end."""
    names = ["Can", "Çelik", "Gül", "Ğ", "Irmak", "Işık", "iğde", "İpek", "Oğuz", "Ömer",
             "Sevgi", "Şahin", "Uysal", "Ünal", "Zeynep"]
    for name in reversed(names):
        factories.dwelling(db, gaz, head_name=name, landlord_name=name)
    for sort in (SortKey.HOUSEHOLD, SortKey.LANDLORD):
        pages = [row.household for offset in range(0, len(names), 4)
                 for row in search_dwellings(db, sort=sort, offset=offset, limit=4)]
        assert pages == names
        backwards = search_dwellings(db, sort=sort, descending=True, limit=None)
        assert [row.household for row in backwards] == names[::-1]
