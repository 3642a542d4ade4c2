<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr" sourcelanguage="en">
<context>
    <name>AddOfficeDialog</name>
    <message>
        <source>Add an office</source>
        <translation>Ofis ekle</translation>
    </message>
    <message>
        <source>The code starts every reference the office issues (GAZ-D-000123) and cannot change later.</source>
        <translation>Kod, ofisin verdiği her referansın başında yer alır (GAZ-D-000123) ve sonradan değiştirilemez.</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Kullanıcı ekle</translation>
    </message>
    <message>
        <source>The new user changes this temporary password at first sign-in.</source>
        <translation>Yeni kullanıcı bu geçici parolayı ilk girişte değiştirir.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Kullanıcı adı</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Ad soyad</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Ofis</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>Geçici parola</translation>
    </message>
</context>
<context>
    <name>AdministratorPage</name>
    <message>
        <source>The administrator</source>
        <translation>Yönetici</translation>
    </message>
    <message>
        <source>The administrator adds engineers and supervisors and manages offices. Choose your own password; nobody else needs to know it.</source>
        <translation>Yönetici mühendisleri ve süpervizörleri ekler, ofisleri yönetir. Kendi parolanızı seçin; başka kimsenin bilmesi gerekmez.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Kullanıcı adı</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Ad soyad</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Parola</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Parolayı tekrarlayın</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>New agreement for {ref}</source>
        <translation>{ref} için yeni sözleşme</translation>
    </message>
    <message>
        <source>Agreement {number}</source>
        <translation>Sözleşme {number}</translation>
    </message>
    <message>
        <source>Renew agreement {number}</source>
        <translation>{number} sözleşmesini yenile</translation>
    </message>
    <message>
        <source>e.g. GAZ-L-000012</source>
        <translation>ör. GAZ-L-000012</translation>
    </message>
    <message>
        <source>Register…</source>
        <translation>Yeni kayıt…</translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation>Tamamla…</translation>
    </message>
    <message>
        <source>Add the landlord&apos;s ID number, IBAN or address</source>
        <translation>Kiraya verenin kimlik numarasını, IBAN&apos;ını ya da adresini ekleyin</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>Kiraya veren</translation>
    </message>
    <message>
        <source> months</source>
        <translation> ay</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Süre</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Başlangıç</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Bitiş</translation>
    </message>
    <message>
        <source>e.g. 7.500,00</source>
        <translation>ör. 7.500,00</translation>
    </message>
    <message>
        <source>Monthly rent (TL, fixed)</source>
        <translation>Aylık kira (TL, sabit)</translation>
    </message>
    <message>
        <source>Rent-free months</source>
        <translation>Kirasız aylar</translation>
    </message>
    <message>
        <source>at most three months&apos; rent</source>
        <translation>en çok üç aylık kira</translation>
    </message>
    <message>
        <source>Deposit (TL)</source>
        <translation>Güvence bedeli (TL)</translation>
    </message>
    <message>
        <source>Rent paid by day of month</source>
        <translation>Kiranın ödeneceği gün</translation>
    </message>
    <message>
        <source>empty: the landlord&apos;s IBAN</source>
        <translation>boş: kiraya verenin IBAN&apos;ı</translation>
    </message>
    <message>
        <source>Paid into IBAN</source>
        <translation>Ödemenin yapılacağı IBAN</translation>
    </message>
    <message>
        <source>Fixtures (demirbaş)</source>
        <translation>Demirbaşlar</translation>
    </message>
    <message>
        <source>empty: the tenant pays consumption and the building fee</source>
        <translation>boş: tüketim bedellerini ve aidatı kiracı öder</translation>
    </message>
    <message>
        <source>Utilities and charges</source>
        <translation>Abonelikler ve giderler</translation>
    </message>
    <message>
        <source>block (ada)</source>
        <translation>ada</translation>
    </message>
    <message>
        <source>parcel (parsel)</source>
        <translation>parsel</translation>
    </message>
    <message>
        <source>Title deed</source>
        <translation>Tapu</translation>
    </message>
    <message>
        <source>empty: the courts of the province</source>
        <translation>boş: ilin mahkemeleri</translation>
    </message>
    <message>
        <source>Competent court</source>
        <translation>Yetkili mahkeme</translation>
    </message>
    <message>
        <source>Turkish with Arabic</source>
        <translation>Türkçe ve Arapça</translation>
    </message>
    <message>
        <source>Turkish with English</source>
        <translation>Türkçe ve İngilizce</translation>
    </message>
    <message>
        <source>Turkish only</source>
        <translation>Yalnızca Türkçe</translation>
    </message>
    <message>
        <source>Printed in</source>
        <translation>Basım dili</translation>
    </message>
    <message>
        <source>the dwelling&apos;s landlord</source>
        <translation>konutun kiraya vereni</translation>
    </message>
</context>
<context>
    <name>AgreementTab</name>
    <message>
        <source>New agreement…</source>
        <translation>Yeni sözleşme…</translation>
    </message>
    <message>
        <source>{number}: {status}, {start} – {end}, {rent} a month</source>
        <translation>{number}: {status}, {start} – {end}, aylık {rent}</translation>
    </message>
    <message>
        <source>No agreement yet.</source>
        <translation>Henüz sözleşme yok.</translation>
    </message>
</context>
<context>
    <name>AgreementTableModel</name>
    <message>
        <source>Agreement</source>
        <translation>Sözleşme</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>Konut</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Kiracı</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>Kiraya veren</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Başlangıç</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Bitiş</translation>
    </message>
    <message>
        <source>Monthly rent</source>
        <translation>Aylık kira</translation>
    </message>
</context>
<context>
    <name>AgreementWindow</name>
    <message>
        <source>Dwelling</source>
        <translation>Konut</translation>
    </message>
    <message>
        <source>Tenant household</source>
        <translation>Kiracı hane</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>Kiraya veren</translation>
    </message>
    <message>
        <source>Works (BoQ)</source>
        <translation>İşler (keşif)</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Süre</translation>
    </message>
    <message>
        <source>Monthly rent</source>
        <translation>Aylık kira</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Güvence bedeli</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Ödeme</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>İmzalandı</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>Yenileme</translation>
    </message>
    <message>
        <source>Printed in</source>
        <translation>Basım dili</translation>
    </message>
    <message>
        <source>Record a visit…</source>
        <translation>Ziyaret kaydet…</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Koşullar</translation>
    </message>
    <message>
        <source>Monitoring visits</source>
        <translation>İzleme ziyaretleri</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Düzenle…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Önizleme</translation>
    </message>
    <message>
        <source>Print / open</source>
        <translation>Yazdır / aç</translation>
    </message>
    <message>
        <source>Record signature…</source>
        <translation>İmzayı kaydet…</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Yürürlüğe koy</translation>
    </message>
    <message>
        <source>Renew…</source>
        <translation>Yenile…</translation>
    </message>
    <message>
        <source>End…</source>
        <translation>Sona erdir…</translation>
    </message>
    <message>
        <source>Terminate…</source>
        <translation>Feshet…</translation>
    </message>
    <message>
        <source>Breach…</source>
        <translation>İhlal…</translation>
    </message>
    <message>
        <source>Signed scan</source>
        <translation>İmzalı tarama</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>Agreement {number}</source>
        <translation>Sözleşme {number}</translation>
    </message>
    <message>
        <source>{number} — {status}</source>
        <translation>{number} — {status}</translation>
    </message>
    <message>
        <source>{ref}, {address}</source>
        <translation>{ref}, {address}</translation>
    </message>
    <message>
        <source>{name} ({ref})</source>
        <translation>{name} ({ref})</translation>
    </message>
    <message numerus="yes">
        <source>%n months, {start} – {end}</source>
        <translation>
            <numerusform>%n ay, {start} – {end}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{rent}, %n months rent-free</source>
        <translation>
            <numerusform>{rent}, %n ay kirasız</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Active. %n monitoring visits are scheduled.</source>
        <translation>
            <numerusform>Yürürlükte. %n izleme ziyareti planlandı.</numerusform>
        </translation>
    </message>
    <message>
        <source>by day {day}, {account}</source>
        <translation>her ayın {day}. gününe kadar, {account}</translation>
    </message>
    <message>
        <source>in cash</source>
        <translation>nakit</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>henüz değil</translation>
    </message>
    <message>
        <source>renews {number}</source>
        <translation>{number} sözleşmesini yeniler</translation>
    </message>
    <message>
        <source>renewed by {number}</source>
        <translation>{number} ile yenilendi</translation>
    </message>
    <message>
        <source>Turkish with Arabic</source>
        <translation>Türkçe ve Arapça</translation>
    </message>
    <message>
        <source>Turkish with English</source>
        <translation>Türkçe ve İngilizce</translation>
    </message>
    <message>
        <source>Turkish only</source>
        <translation>Yalnızca Türkçe</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Gerekçe: {reason}</translation>
    </message>
    <message>
        <source>Monitoring visits ({count})</source>
        <translation>İzleme ziyaretleri ({count})</translation>
    </message>
    <message>
        <source>A copy: the status stays.</source>
        <translation>Bir kopya: durum değişmez.</translation>
    </message>
    <message>
        <source>No program on this computer opened {path}. Open the file from that folder, or use Preview to print it.</source>
        <translation>Bu bilgisayardaki hiçbir program {path} dosyasını açmadı. Dosyayı o klasörden açın ya da yazdırmak için Önizleme&apos;yi kullanın.</translation>
    </message>
    <message>
        <source>Signature recorded; activate the agreement when it takes effect.</source>
        <translation>İmza kaydedildi; sözleşme yürürlüğe girdiğinde onu yürürlüğe koyun.</translation>
    </message>
    <message>
        <source>The term is over. A note for the file (optional):</source>
        <translation>Süre doldu. Dosya için bir not (isteğe bağlı):</translation>
    </message>
    <message>
        <source>Why does the agreement end early?</source>
        <translation>Sözleşme neden erken bitiyor?</translation>
    </message>
    <message>
        <source>What was found (rent raised, tenant made to leave…)?</source>
        <translation>Ne saptandı (kira artırıldı, kiracı çıkmaya zorlandı…)?</translation>
    </message>
    <message>
        <source>Renewal {number} drafted; preview and print it for signing.</source>
        <translation>{number} yenilemesi hazırlandı; imza için önizleyip yazdırın.</translation>
    </message>
    <message>
        <source>Agreement breached</source>
        <translation>Sözleşme ihlal edildi</translation>
    </message>
    <message>
        <source>The visit found: {finding}. The agreement is marked breached; tell the supervisor.</source>
        <translation>Ziyarette saptanan: {finding}. Sözleşme ihlal edildi olarak işaretlendi; süpervizöre bildirin.</translation>
    </message>
</context>
<context>
    <name>AgreementsPage</name>
    <message>
        <source>Agreements</source>
        <translation>Sözleşmeler</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Bugün</translation>
    </message>
    <message>
        <source>Search by agreement or dwelling number, tenant or landlord</source>
        <translation>Sözleşme ya da konut numarası, kiracı veya kiraya verenle arayın</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tüm durumlar</translation>
    </message>
    <message>
        <source>New agreement…</source>
        <translation>Yeni sözleşme…</translation>
    </message>
    <message>
        <source>Print these…</source>
        <translation>Bunları yazdır…</translation>
    </message>
    <message>
        <source>One PDF per agreement of the chosen status, into a folder</source>
        <translation>Seçili durumdaki her sözleşme için bir PDF, bir klasöre</translation>
    </message>
    <message>
        <source>Landlords…</source>
        <translation>Kiraya verenler…</translation>
    </message>
    <message>
        <source>Ending within 60 days: {count}</source>
        <translation>60 gün içinde bitecek: {count}</translation>
    </message>
    <message>
        <source>Monitoring visits overdue: {count}</source>
        <translation>Geciken izleme ziyaretleri: {count}</translation>
    </message>
    <message>
        <source>New agreement</source>
        <translation>Yeni sözleşme</translation>
    </message>
    <message>
        <source>Dwelling (its BoQ is approved):</source>
        <translation>Konut (keşfi onaylı):</translation>
    </message>
    <message>
        <source>No dwelling is ready: an agreement needs a dwelling whose bill of quantities a supervisor has approved, and no agreement in preparation or in force.</source>
        <translation>Hazır konut yok: sözleşme için keşif özeti bir süpervizörce onaylanmış ve hazırlanan ya da yürürlükte sözleşmesi olmayan bir konut gerekir.</translation>
    </message>
    <message>
        <source>Folder for the contracts</source>
        <translation>Sözleşmelerin klasörü</translation>
    </message>
    <message>
        <source>Printing contracts…</source>
        <translation>Sözleşmeler yazdırılıyor…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>{done} of {total}: {number}</source>
        <translation>{done} / {total}: {number}</translation>
    </message>
    <message numerus="yes">
        <source>%n contracts written.</source>
        <translation>
            <numerusform>%n sözleşme yazıldı.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the others were not printed.</source>
        <translation>İptal edildi: diğerleri yazdırılmadı.</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>Assess dwelling {ref}</source>
        <translation>{ref} konutunu değerlendir</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tarih</translation>
    </message>
    <message>
        <source>People living there</source>
        <translation>Orada yaşayan kişi sayısı</translation>
    </message>
    <message>
        <source>Final assessment: the works are finished</source>
        <translation>Son değerlendirme: işler tamamlandı</translation>
    </message>
    <message>
        <source>Only while works are in progress.</source>
        <translation>Yalnızca işler sürerken.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>Condition of each component (1 good – 4 failed)</source>
        <translation>Her bileşenin durumu (1 iyi – 4 kullanılamaz)</translation>
    </message>
    <message>
        <source>– not assessed</source>
        <translation>– değerlendirilmedi</translation>
    </message>
    <message>
        <source>What is wrong, where</source>
        <translation>Sorun ne, nerede</translation>
    </message>
    <message>
        <source>Rooms and openings (metres; the bill of quantities reuses them)</source>
        <translation>Odalar ve boşluklar (metre; keşif özeti bunları kullanır)</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Karar</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Uygun</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>Uygun değil</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>Uygunluk</translation>
    </message>
    <message>
        <source>Why: condition, vulnerability, landlord&apos;s consent</source>
        <translation>Gerekçe: durum, kırılganlık, kiraya verenin onayı</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Gerekçe</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notlar</translation>
    </message>
    <message>
        <source>Works done against the approved BoQ, and after photos</source>
        <translation>Onaylı keşfe göre yapılan işler ve iş sonrası fotoğraflar</translation>
    </message>
    <message>
        <source>– not checked</source>
        <translation>– kontrol edilmedi</translation>
    </message>
    <message>
        <source>What is missing, and why</source>
        <translation>Eksik olan ne, neden</translation>
    </message>
    <message>
        <source>The case has no approved BoQ lines to check.</source>
        <translation>Bu dosyada kontrol edilecek onaylı keşif kalemi yok.</translation>
    </message>
    <message>
        <source>After photos</source>
        <translation>İş sonrası fotoğraflar</translation>
    </message>
    <message>
        <source>Take-off: {problem}</source>
        <translation>Metraj: {problem}</translation>
    </message>
    <message>
        <source>floor area per person unknown</source>
        <translation>kişi başına taban alanı bilinmiyor</translation>
    </message>
    <message>
        <source>{area} m² per person: below the Sphere minimum of {minimum} m²</source>
        <translation>kişi başına {area} m²: Sphere asgarisi olan {minimum} m²&apos;nin altında</translation>
    </message>
    <message>
        <source>{area} m² per person (Sphere minimum {minimum} m²)</source>
        <translation>kişi başına {area} m² (Sphere asgarisi {minimum} m²)</translation>
    </message>
    <message>
        <source>priority score after at least one condition is rated</source>
        <translation>öncelik puanı en az bir durum puanlandıktan sonra hesaplanır</translation>
    </message>
    <message>
        <source>priority score {score} of 100</source>
        <translation>öncelik puanı 100 üzerinden {score}</translation>
    </message>
</context>
<context>
    <name>AssessmentHistoryModel</name>
    <message>
        <source>Eligible</source>
        <translation>Uygun</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>Uygun değil</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tarih</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>Uzman</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Kişi</translation>
    </message>
    <message>
        <source>m² per person</source>
        <translation>Kişi başına m²</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Öncelik</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Karar</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Son</translation>
    </message>
</context>
<context>
    <name>AssessmentTableModel</name>
    <message>
        <source>Eligible</source>
        <translation>Uygun</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>Uygun değil</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tarih</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>Konut</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Öncelik</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Karar</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Son</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hane</translation>
    </message>
    <message>
        <source>District</source>
        <translation>İlçe</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>Uzman</translation>
    </message>
</context>
<context>
    <name>AssessmentsPage</name>
    <message>
        <source>Assessments</source>
        <translation>Değerlendirmeler</translation>
    </message>
    <message>
        <source>Search by dwelling reference, name, province, district or street</source>
        <translation>Konut numarası, ad, il, ilçe ya da sokakla arayın</translation>
    </message>
    <message>
        <source>Latest assessment of each dwelling only</source>
        <translation>Yalnızca her konutun son değerlendirmesi</translation>
    </message>
</context>
<context>
    <name>AssessmentsTab</name>
    <message>
        <source>New assessment…</source>
        <translation>Yeni değerlendirme…</translation>
    </message>
    <message>
        <source>Not assessed yet.</source>
        <translation>Henüz değerlendirilmedi.</translation>
    </message>
    <message>
        <source>{decision}: {reason}</source>
        <translation>{decision}: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>{name}: {length} × {width} m, height {height} m, %n openings</source>
        <translation>
            <numerusform>{name}: {length} × {width} m, yükseklik {height} m, %n boşluk</numerusform>
        </translation>
    </message>
    <message>
        <source>Works done against the approved BoQ:</source>
        <translation>Onaylı keşfe göre yapılan işler:</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit trail</source>
        <translation>Denetim kaydı</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Kullanıcı adı</translation>
    </message>
    <message>
        <source>Record reference, e.g. GAZ-D-000001</source>
        <translation>Kayıt numarası, ör. GAZ-D-000001</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Başlangıç</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bitiş</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Göster</translation>
    </message>
    <message>
        <source>No record {ref}; check the reference.</source>
        <translation>{ref} kaydı yok; numarayı kontrol edin.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>Ne zaman</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Kim</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>İşlem</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Kayıt</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Değişiklikler</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Gerekçe</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>Automatic backup made.</source>
        <translation>Otomatik yedek alındı.</translation>
    </message>
    <message>
        <source>Automatic backup failed: {reason}</source>
        <translation>Otomatik yedekleme başarısız: {reason}</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Backups</source>
        <translation>Yedekler</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Alınma zamanı</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Boyut</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Şimdi yedekle</translation>
    </message>
    <message>
        <source>Save archive…</source>
        <translation>Arşivi kaydet…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Geri yükle…</translation>
    </message>
    <message>
        <source>Only an administrator can restore a backup.</source>
        <translation>Yedeği yalnızca yönetici geri yükleyebilir.</translation>
    </message>
    <message>
        <source>This database is on a server ({name}); back it up with the server&apos;s own tools.</source>
        <translation>Bu veritabanı bir sunucuda ({name}); sunucunun kendi araçlarıyla yedekleyin.</translation>
    </message>
    <message>
        <source>Automatic backups are kept in {folder}</source>
        <translation>Otomatik yedekler {folder} klasöründe tutulur</translation>
    </message>
    <message>
        <source>No backup has been made yet.</source>
        <translation>Henüz yedek alınmadı.</translation>
    </message>
    <message>
        <source>Backing up the database and its photos…</source>
        <translation>Veritabanı ve fotoğrafları yedekleniyor…</translation>
    </message>
    <message>
        <source>Save a backup archive</source>
        <translation>Yedek arşivini kaydet</translation>
    </message>
    <message>
        <source>Backup archives (*.zip)</source>
        <translation>Yedek arşivleri (*.zip)</translation>
    </message>
    <message>
        <source>Writing the archive {path}…</source>
        <translation>{path} arşivi yazılıyor…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Yedeği geri yükle</translation>
    </message>
    <message>
        <source>Backups (*.zip *.db)</source>
        <translation>Yedekler (*.zip *.db)</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>Bu yedek geri yüklensin mi?</translation>
    </message>
    <message>
        <source>Replace the current database with the backup {file}?

The current database is kept beside it as a copy. Changes made since the backup will not be in the restored data. Barınak must be restarted afterwards.</source>
        <translation>Geçerli veritabanı {file} yedeğiyle değiştirilsin mi?

Geçerli veritabanı yanında bir kopya olarak saklanır. Yedekten sonra yapılan değişiklikler geri yüklenen verilerde olmaz. Ardından Barınak yeniden başlatılmalıdır.</translation>
    </message>
    <message>
        <source>Backup of another laptop</source>
        <translation>Başka bir dizüstü bilgisayarın yedeği</translation>
    </message>
    <message>
        <source>This backup was made on another laptop and is encrypted with its key.
Type that laptop&apos;s recovery key to restore it here; its users then sign in with their own passwords.</source>
        <translation>Bu yedek başka bir dizüstü bilgisayarda alınmış ve onun anahtarıyla şifrelenmiş.
Burada geri yüklemek için o bilgisayarın kurtarma anahtarını yazın; ardından oradaki kullanıcılar kendi parolalarıyla oturum açar.</translation>
    </message>
    <message>
        <source>Nothing was restored.</source>
        <translation>Hiçbir şey geri yüklenmedi.</translation>
    </message>
    <message numerus="yes">
        <source>Backed up in {seconds} s: {name} (%n new photos).</source>
        <translation>
            <numerusform>{seconds} sn&apos;de yedeklendi: {name} (%n yeni fotoğraf).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archive written in {seconds} s: {path} (%n photos).</source>
        <translation>
            <numerusform>Arşiv {seconds} sn&apos;de yazıldı: {path} (%n fotoğraf).</numerusform>
        </translation>
    </message>
    <message>
        <source>The backup made on {made} was restored. {kept}

Close Barınak and start it again to work with the restored data.</source>
        <translation>{made} tarihinde alınan yedek geri yüklendi. {kept}

Geri yüklenen verilerle çalışmak için Barınak&apos;ı kapatıp yeniden başlatın.</translation>
    </message>
    <message>
        <source>Checking and restoring the backup…</source>
        <translation>Yedek denetleniyor ve geri yükleniyor…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Nothing has changed since the last backup ({name}); no new backup was needed.</source>
        <translation>Son yedekten ({name}) bu yana hiçbir şey değişmedi; yeni yedek gerekmedi.</translation>
    </message>
    <message>
        <source>The replaced database was kept as {path}.</source>
        <translation>Değiştirilen veritabanı {path} olarak saklandı.</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Yedek geri yüklendi</translation>
    </message>
</context>
<context>
    <name>BarCasesDialog</name>
    <message>
        <source>Cases behind the bar</source>
        <translation>Çubuğun ardındaki vakalar</translation>
    </message>
    <message numerus="yes">
        <source>%n{more} cases; open one with Enter or a double click.</source>
        <translation>
            <numerusform>%n{more} vaka; birini Enter ya da çift tıklamayla açın.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchesModel</name>
    <message>
        <source>Batch</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Dönem</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Timesheets</source>
        <translation>Puantajlar</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Toplam</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Ödeme tarihi</translation>
    </message>
</context>
<context>
    <name>BeforeAfterDialog</name>
    <message>
        <source>Before and after</source>
        <translation>Önce ve sonra</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Önce</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Sonra</translation>
    </message>
    <message>
        <source>No photo with this tag yet.</source>
        <translation>Bu etiketle henüz fotoğraf yok.</translation>
    </message>
</context>
<context>
    <name>BoQEditor</name>
    <message>
        <source>Find a catalogue item: type a code or words (e.g. eps 8), Enter adds it</source>
        <translation>Katalog kalemi bulun: kod ya da sözcük yazın (ör. eps 8), Enter ekler</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Toplamlar</translation>
    </message>
    <message>
        <source>Contingency %</source>
        <translation>Öngörülemeyen gider %</translation>
    </message>
    <message>
        <source>Take-off from the assessment</source>
        <translation>Değerlendirmeden metraj</translation>
    </message>
    <message>
        <source>Enter or double-click: use as the quantity of the selected line</source>
        <translation>Enter ya da çift tıklama: seçili satırın miktarı olarak kullan</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Geri al</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Yinele</translation>
    </message>
    <message>
        <source>{what} ({key})</source>
        <translation>{what} ({key})</translation>
    </message>
    <message>
        <source>English column</source>
        <translation>İngilizce sütun</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotoğraflar</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>Onaya gönder</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Onayla</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>Geri gönder…</translation>
    </message>
    <message>
        <source>Open a revision…</source>
        <translation>Revizyon aç…</translation>
    </message>
    <message>
        <source>Print PDF</source>
        <translation>PDF yazdır</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>XLSX dışa aktar…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>Bill of quantities {ref}</source>
        <translation>Keşif özeti {ref}</translation>
    </message>
    <message>
        <source>{ref} — {status}</source>
        <translation>{ref} — {status}</translation>
    </message>
    <message>
        <source>Dwelling {dwelling}, {address}. Household: {household}. Price list {catalogue}.</source>
        <translation>Konut {dwelling}, {address}. Hane: {household}. Fiyat listesi {catalogue}.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yok</translation>
    </message>
    <message>
        <source>Returned by {name}: {reason}</source>
        <translation>{name} geri gönderdi: {reason}</translation>
    </message>
    <message>
        <source>Changes since {ref}: {changes}</source>
        <translation>{ref} sürümünden bu yana değişiklikler: {changes}</translation>
    </message>
    <message>
        <source>{code} {old} → {new} {unit}</source>
        <translation>{code} {old} → {new} {unit}</translation>
    </message>
    <message>
        <source>+ {code}</source>
        <translation>+ {code}</translation>
    </message>
    <message>
        <source>− {code}</source>
        <translation>− {code}</translation>
    </message>
    <message>
        <source>No catalogue item matches &apos;{text}&apos;.</source>
        <translation>&apos;{text}&apos; ile eşleşen katalog kalemi yok.</translation>
    </message>
    <message numerus="yes">
        <source>%n items match &apos;{text}&apos; equally well: type more, or pick one with ↓ and press Enter.</source>
        <translation>
            <numerusform>&apos;{text}&apos; ile %n kalem aynı ölçüde eşleşiyor: biraz daha yazın ya da ↓ ile birini seçip Enter&apos;a basın.</numerusform>
        </translation>
    </message>
    <message>
        <source>add {code}</source>
        <translation>{code} ekleme</translation>
    </message>
    <message>
        <source>quantity of {code}</source>
        <translation>{code} miktarı</translation>
    </message>
    <message>
        <source>remove {code}</source>
        <translation>{code} kaldırma</translation>
    </message>
    <message>
        <source>{code} removed; Ctrl+Z brings it back.</source>
        <translation>{code} kaldırıldı; Ctrl+Z ile geri gelir.</translation>
    </message>
    <message>
        <source>Select the line that takes this quantity first.</source>
        <translation>Önce bu miktarı alacak satırı seçin.</translation>
    </message>
    <message>
        <source>contingency</source>
        <translation>öngörülemeyen gider</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>İşler</translation>
    </message>
    <message>
        <source>Contingency</source>
        <translation>Öngörülemeyen gider</translation>
    </message>
    <message>
        <source>Total excl. VAT</source>
        <translation>KDV hariç toplam</translation>
    </message>
    <message>
        <source>VAT {rate}%</source>
        <translation>KDV %{rate}</translation>
    </message>
    <message>
        <source>Total incl. VAT</source>
        <translation>KDV dahil toplam</translation>
    </message>
    <message>
        <source>Approve over the budget ceiling</source>
        <translation>Bütçe tavanının üzerinde onayla</translation>
    </message>
    <message>
        <source>Why is this BoQ approved over the budget ceiling? The reason is kept in the audit trail.</source>
        <translation>Bu keşif neden bütçe tavanının üzerinde onaylanıyor? Gerekçe denetim kaydında saklanır.</translation>
    </message>
    <message>
        <source>Return to the engineer</source>
        <translation>Mühendise geri gönder</translation>
    </message>
    <message>
        <source>What should the engineer change?</source>
        <translation>Mühendis neyi değiştirmeli?</translation>
    </message>
    <message>
        <source>Open a revision</source>
        <translation>Revizyon aç</translation>
    </message>
    <message>
        <source>Why must the approved BoQ change? The reason goes into the audit trail.</source>
        <translation>Onaylı keşif neden değişmeli? Gerekçe denetim kaydına yazılır.</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>{path} kaydedildi.</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>Lütfen kontrol edin</translation>
    </message>
    <message>
        <source>Continue anyway?</source>
        <translation>Yine de devam edilsin mi?</translation>
    </message>
    <message>
        <source>Export the BoQ</source>
        <translation>Keşfi dışa aktar</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx)</source>
        <translation>Hesap tabloları (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>BoQInbox</name>
    <message>
        <source>Open…</source>
        <translation>Aç…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Onayla</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>Geri gönder…</translation>
    </message>
    <message>
        <source>Take-off from the assessment</source>
        <translation>Değerlendirmeden metraj</translation>
    </message>
    <message>
        <source>The assessment recorded no rooms.</source>
        <translation>Değerlendirmede oda kaydedilmemiş.</translation>
    </message>
    <message>
        <source>Approve over the budget ceiling</source>
        <translation>Bütçe tavanının üzerinde onayla</translation>
    </message>
    <message>
        <source>Why is this BoQ approved over the budget ceiling? The reason is kept in the audit trail.</source>
        <translation>Bu keşif neden bütçe tavanının üzerinde onaylanıyor? Gerekçe denetim kaydında saklanır.</translation>
    </message>
    <message>
        <source>{ref} is approved and locked.</source>
        <translation>{ref} onaylandı ve kilitlendi.</translation>
    </message>
    <message>
        <source>Return to the engineer</source>
        <translation>Mühendise geri gönder</translation>
    </message>
    <message>
        <source>What should the engineer change?</source>
        <translation>Mühendis neyi değiştirmeli?</translation>
    </message>
    <message>
        <source>{ref} is returned to the engineer.</source>
        <translation>{ref} mühendise geri gönderildi.</translation>
    </message>
</context>
<context>
    <name>BoQPage</name>
    <message>
        <source>Bills of quantity</source>
        <translation>Keşif özetleri</translation>
    </message>
    <message>
        <source>Search by BoQ or dwelling reference, or household name</source>
        <translation>Keşif ya da konut numarası veya hane adıyla arayın</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tüm durumlar</translation>
    </message>
    <message>
        <source>New BoQ…</source>
        <translation>Yeni keşif…</translation>
    </message>
    <message>
        <source>New bill of quantities</source>
        <translation>Yeni keşif özeti</translation>
    </message>
    <message>
        <source>Reference of the assessed dwelling (e.g. GAZ-D-000123):</source>
        <translation>Değerlendirilmiş konutun numarası (ör. GAZ-D-000123):</translation>
    </message>
    <message>
        <source>No new BoQ</source>
        <translation>Yeni keşif oluşturulmadı</translation>
    </message>
</context>
<context>
    <name>BoQTab</name>
    <message>
        <source>New BoQ</source>
        <translation>Yeni keşif</translation>
    </message>
    <message numerus="yes">
        <source>%n revisions. Approved: {approved}.</source>
        <translation>
            <numerusform>%n revizyon. Onaylanan: {approved}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{ref}, {total}</source>
        <translation>{ref}, {total}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>henüz yok</translation>
    </message>
    <message>
        <source>Ask to reopen…</source>
        <translation>Yeniden açılmasını iste…</translation>
    </message>
    <message>
        <source>{ref} is drafted; open it to add the lines.</source>
        <translation>{ref} taslak olarak oluşturuldu; kalemleri eklemek için açın.</translation>
    </message>
</context>
<context>
    <name>BoQTableModel</name>
    <message>
        <source>BoQ</source>
        <translation>Keşif</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hane</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>İl</translation>
    </message>
    <message>
        <source>Total incl. VAT</source>
        <translation>KDV dahil toplam</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Son değişiklik</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Budget of office {code}</source>
        <translation>{code} ofisinin bütçesi</translation>
    </message>
    <message>
        <source>The money this office may spend, in TL. The Reports page sets approved BoQs and cash-for-work payments against it. Leave it empty when the office has no budget.</source>
        <translation>Bu ofisin harcayabileceği para, TL olarak. Raporlar sayfası onaylı keşifleri ve çalışma karşılığı nakit ödemelerini bununla karşılaştırır. Ofisin bütçesi yoksa boş bırakın.</translation>
    </message>
    <message>
        <source>Budget (TL)</source>
        <translation>Bütçe (TL)</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <source>Save</source>
        <translation>Kaydet</translation>
    </message>
    <message>
        <source>Supervisor&apos;s &amp;confirmation…</source>
        <translation>&amp;Süpervizör onayı…</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Kaydet (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Yine de kaydet</translation>
    </message>
</context>
<context>
    <name>CaseListTab</name>
    <message>
        <source>Open…</source>
        <translation>Aç…</translation>
    </message>
</context>
<context>
    <name>CashForWorkPage</name>
    <message>
        <source>Cash-for-work</source>
        <translation>Çalışma karşılığı nakit</translation>
    </message>
    <message>
        <source>Daily log</source>
        <translation>Günlük kayıt</translation>
    </message>
    <message>
        <source>Timesheets</source>
        <translation>Puantajlar</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Ödemeler</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <source>Price catalogue</source>
        <translation>Fiyat kataloğu</translation>
    </message>
    <message>
        <source>New version…</source>
        <translation>Yeni sürüm…</translation>
    </message>
    <message>
        <source>Import XLSX…</source>
        <translation>XLSX içe aktar…</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>XLSX dışa aktar…</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Yayımla</translation>
    </message>
    <message>
        <source>Withdraw / restore item</source>
        <translation>Kalemi kaldır / geri al</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Sürüm</translation>
    </message>
    <message>
        <source>published</source>
        <translation>yayımlandı</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>taslak</translation>
    </message>
    <message numerus="yes">
        <source>{label} from {date} ({state}, %n items)</source>
        <translation>
            <numerusform>{label}, {date} tarihinden itibaren ({state}, %n kalem)</numerusform>
        </translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Yeni sürüm</translation>
    </message>
    <message>
        <source>Name of the version (e.g. 2026-07):</source>
        <translation>Sürümün adı (ör. 2026-07):</translation>
    </message>
    <message>
        <source>Prices apply from (e.g. {example}):</source>
        <translation>Fiyatların geçerlilik başlangıcı (ör. {example}):</translation>
    </message>
    <message>
        <source>&apos;{day}&apos; is not a date; write it as {example}.</source>
        <translation>&apos;{day}&apos; bir tarih değil; {example} biçiminde yazın.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx)</source>
        <translation>Hesap tabloları (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n items to {path}.</source>
        <translation>
            <numerusform>%n kalem {path} dosyasına yazıldı.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an item first.</source>
        <translation>Önce bir kalem seçin.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change your password</source>
        <translation>Parolanızı değiştirin</translation>
    </message>
    <message>
        <source>Choose a new password before you continue.</source>
        <translation>Devam etmeden önce yeni bir parola belirleyin.</translation>
    </message>
    <message>
        <source>Type your current password, then the new one twice.</source>
        <translation>Geçerli parolanızı, ardından yenisini iki kez yazın.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Geçerli parola</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Yeni parola</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>Yeni parolayı tekrarlayın</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>unknown</source>
        <translation>bilinmiyor</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Kayıt</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Alan</translation>
    </message>
    <message>
        <source>Ours by</source>
        <translation>Bizimkini yapan</translation>
    </message>
    <message>
        <source>Theirs by</source>
        <translation>Onlarınkini yapan</translation>
    </message>
    <message>
        <source>Ours changed</source>
        <translation>Bizimkinin zamanı</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <source>(empty)</source>
        <translation>(boş)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Evet</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Hayır</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>Eşitleme çakışmaları</translation>
    </message>
    <message>
        <source>Two machines changed the same field of a record. The server kept the value that reached it first (theirs); choose the value to keep. Your decision is sent at the next sync and becomes the value on every laptop.</source>
        <translation>İki bilgisayar bir kaydın aynı alanını değiştirdi. Sunucu kendisine önce ulaşan değeri (onlarınkini) tuttu; saklanacak değeri seçin. Kararınız bir sonraki eşitlemede gönderilir ve her bilgisayarda geçerli değer olur.</translation>
    </message>
    <message>
        <source>No conflict waits for a decision.</source>
        <translation>Karar bekleyen çakışma yok.</translation>
    </message>
    <message>
        <source>Before both changes</source>
        <translation>İki değişiklikten önce</translation>
    </message>
    <message>
        <source>Ours (not applied)</source>
        <translation>Bizimki (uygulanmadı)</translation>
    </message>
    <message>
        <source>Theirs (kept by the server)</source>
        <translation>Onlarınki (sunucunun tuttuğu)</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Onlarınkini tut</translation>
    </message>
    <message>
        <source>Take ours</source>
        <translation>Bizimkini al</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Düzenle…</translation>
    </message>
    <message>
        <source>{field} of {record}</source>
        <translation>{record} — {field}</translation>
    </message>
    <message>
        <source>by {name} on {device}, {when}</source>
        <translation>{name}, {device} bilgisayarında, {when}</translation>
    </message>
    <message>
        <source>by {name}, {when}</source>
        <translation>{name}, {when}</translation>
    </message>
    <message>
        <source>Edit the value</source>
        <translation>Değeri düzenle</translation>
    </message>
    <message>
        <source>{field} of {record}:</source>
        <translation>{record} — {field}:</translation>
    </message>
    <message>
        <source>Saving the decision…</source>
        <translation>Karar kaydediliyor…</translation>
    </message>
    <message>
        <source>{field} of {record} is now {value}. The decision goes to the server at the next sync.</source>
        <translation>{record} — {field} artık {value}. Karar bir sonraki eşitlemede sunucuya gider.</translation>
    </message>
</context>
<context>
    <name>ContractPreview</name>
    <message>
        <source>Print…</source>
        <translation>Yazdır…</translation>
    </message>
    <message>
        <source>Print the agreement</source>
        <translation>Sözleşmeyi yazdır</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>Yazdırılmadı</translation>
    </message>
    <message>
        <source>The printer {printer} could not start printing; nothing was printed. Check that it is on and connected, or choose another printer.</source>
        <translation>{printer} yazıcısı yazdırmaya başlayamadı; hiçbir şey yazdırılmadı. Yazıcının açık ve bağlı olduğunu denetleyin ya da başka bir yazıcı seçin.</translation>
    </message>
</context>
<context>
    <name>ConversionDialog</name>
    <message>
        <source>Encrypting this computer&apos;s data: a backup first, then an encrypted copy that replaces the file once checked. Do not turn the computer off.</source>
        <translation>Bu bilgisayardaki veriler şifreleniyor: önce bir yedek alınıyor, sonra şifreli bir kopya hazırlanıp kontrol edildikten sonra dosyanın yerine konuyor. Bilgisayarı kapatmayın.</translation>
    </message>
    <message>
        <source>Encrypting the data</source>
        <translation>Veriler şifreleniyor</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Bir sorun oluştu</translation>
    </message>
    <message>
        <source>An unexpected error happened. Your saved work is safe. Please copy the details below and send them to support. The log file is {path}.</source>
        <translation>Beklenmeyen bir hata oluştu. Kaydedilmiş çalışmanız güvende. Lütfen aşağıdaki ayrıntıları kopyalayıp destek ekibine gönderin. Günlük dosyası: {path}.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Ayrıntıları kopyala</translation>
    </message>
</context>
<context>
    <name>DailyLogTab</name>
    <message>
        <source>Site reference, e.g. GAZ-D-000123</source>
        <translation>Şantiye (konut) numarası, ör. GAZ-D-000123</translation>
    </message>
    <message>
        <source>◀ Previous week</source>
        <translation>◀ Önceki hafta</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Bu hafta</translation>
    </message>
    <message>
        <source>Next week ▶</source>
        <translation>Sonraki hafta ▶</translation>
    </message>
    <message>
        <source>What the worker does, e.g. plaster repair</source>
        <translation>İşçinin yaptığı iş, ör. sıva tamiri</translation>
    </message>
    <message>
        <source>Selected day</source>
        <translation>Seçili gün</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Görev</translation>
    </message>
    <message>
        <source>Logged</source>
        <translation>Kaydedilen</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Gerekçe</translation>
    </message>
    <message>
        <source>Register worker…</source>
        <translation>İşçi kaydet…</translation>
    </message>
    <message>
        <source>Submit week for approval</source>
        <translation>Haftayı onaya gönder</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Şantiye</translation>
    </message>
    <message>
        <source>Keys: F full day, H half day, A absent, Space cycles; arrows move. * marks a worker of another household.</source>
        <translation>Tuşlar: F tam gün, H yarım gün, A gelmedi, Boşluk sırayla değiştirir; oklar hareket ettirir. * başka bir haneden işçiyi gösterir.</translation>
    </message>
    <message>
        <source>{site} — {address} — week of {first} to {last}</source>
        <translation>{site} — {address} — {first} – {last} haftası</translation>
    </message>
    <message>
        <source>No worker is registered for this household yet; register one first.</source>
        <translation>Bu hane için henüz kayıtlı işçi yok; önce bir işçi kaydedin.</translation>
    </message>
    <message>
        <source>No timesheet for this week yet.</source>
        <translation>Bu hafta için henüz puantaj yok.</translation>
    </message>
    <message>
        <source>Timesheet {ref}: {status}</source>
        <translation>Puantaj {ref}: {status}</translation>
    </message>
    <message>
        <source>by {name}, {when}</source>
        <translation>{name}, {when}</translation>
    </message>
    <message>
        <source>Not saved: a reason is needed.</source>
        <translation>Kaydedilmedi: gerekçe gerekli.</translation>
    </message>
    <message>
        <source>Submitted for approval: {refs}.</source>
        <translation>Onaya gönderildi: {refs}.</translation>
    </message>
    <message>
        <source>A reason is needed</source>
        <translation>Gerekçe gerekli</translation>
    </message>
    <message>
        <source>Why should this day be logged anyway?</source>
        <translation>Bu gün yine de neden kaydedilmeli?</translation>
    </message>
</context>
<context>
    <name>DwellingBox</name>
    <message>
        <source>Dwelling</source>
        <translation>Konut</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>İl</translation>
    </message>
    <message>
        <source>District</source>
        <translation>İlçe</translation>
    </message>
    <message>
        <source>Neighbourhood (mahalle)</source>
        <translation>Mahalle</translation>
    </message>
    <message>
        <source>e.g. Gül Sokak</source>
        <translation>ör. Gül Sokak</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Cadde/sokak</translation>
    </message>
    <message>
        <source>Building no.</source>
        <translation>Bina no.</translation>
    </message>
    <message>
        <source>Flat no.</source>
        <translation>Daire no.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>m², e.g. {example}</source>
        <translation>m², ör. {example}</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>ör. {example}</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>Taban alanı (m²)</translation>
    </message>
    <message>
        <source>1–20</source>
        <translation>1–20</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Oda sayısı</translation>
    </message>
    <message>
        <source>GPS latitude</source>
        <translation>GPS enlem</translation>
    </message>
    <message>
        <source>GPS longitude</source>
        <translation>GPS boylam</translation>
    </message>
</context>
<context>
    <name>DwellingFileDialog</name>
    <message>
        <source>Dwelling {ref}</source>
        <translation>Konut {ref}</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Özet</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hane</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>Değerlendirmeler</translation>
    </message>
    <message>
        <source>BoQ</source>
        <translation>Keşif</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Sözleşme</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>İşçilik</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>İzleme</translation>
    </message>
    <message>
        <source>Edit dwelling…</source>
        <translation>Konutu düzenle…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yok</translation>
    </message>
    <message>
        <source>{name} ({ref}), {detail}</source>
        <translation>{name} ({ref}), {detail}</translation>
    </message>
    <message>
        <source>{name} ({ref})</source>
        <translation>{name} ({ref})</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>bilinmiyor</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Numara</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Aşama</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>Konut</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>Kiraya veren</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotoğraflar</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Geçmiş</translation>
    </message>
    <message numerus="yes">
        <source>%n rooms</source>
        <translation>
            <numerusform>%n oda</numerusform>
        </translation>
    </message>
    <message>
        <source>rooms unknown</source>
        <translation>oda sayısı bilinmiyor</translation>
    </message>
    <message>
        <source>{area} m², {rooms}</source>
        <translation>{area} m², {rooms}</translation>
    </message>
    <message>
        <source>{days}; paid: {paid}</source>
        <translation>{days}; ödenen: {paid}</translation>
    </message>
    <message>
        <source>Bills of quantity</source>
        <translation>Keşif özetleri</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Sözleşmeler</translation>
    </message>
    <message>
        <source>Cash-for-work days</source>
        <translation>Çalışma karşılığı nakit günleri</translation>
    </message>
</context>
<context>
    <name>DwellingTableModel</name>
    <message>
        <source>Reference</source>
        <translation>Numara</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Aşama</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>İl</translation>
    </message>
    <message>
        <source>District</source>
        <translation>İlçe</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hane</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>Kiraya veren</translation>
    </message>
</context>
<context>
    <name>DwellingsPage</name>
    <message>
        <source>Dwellings</source>
        <translation>Konutlar</translation>
    </message>
    <message>
        <source>Search by reference, name, province, district or street</source>
        <translation>Numara, ad, il, ilçe ya da sokakla arayın</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>Yeni vaka…</translation>
    </message>
    <message>
        <source>Register a household and the dwelling they rent</source>
        <translation>Bir haneyi ve kiraladığı konutu kaydedin</translation>
    </message>
    <message>
        <source>No dwelling matches &apos;{text}&apos;.</source>
        <translation>&apos;{text}&apos; ile eşleşen konut yok.</translation>
    </message>
    <message numerus="yes">
        <source>%n{more} dwellings shown</source>
        <translation>
            <numerusform>%n{more} konut gösteriliyor</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditDwellingDialog</name>
    <message>
        <source>Dwelling {ref}</source>
        <translation>Konut {ref}</translation>
    </message>
    <message>
        <source>(typed above)</source>
        <translation>(yukarıda yazıldı)</translation>
    </message>
    <message>
        <source>Position of a photo</source>
        <translation>Bir fotoğrafın konumu</translation>
    </message>
</context>
<context>
    <name>EditHouseholdDialog</name>
    <message>
        <source>Household {ref}</source>
        <translation>Hane {ref}</translation>
    </message>
</context>
<context>
    <name>EndingModel</name>
    <message>
        <source>Agreement</source>
        <translation>Sözleşme</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>Konut</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Kiracı</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Bitiş</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Kalan gün</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>Yenileme</translation>
    </message>
</context>
<context>
    <name>EnrolForm</name>
    <message>
        <source>Enrol this laptop with a sync server</source>
        <translation>Bu bilgisayarı bir eşitleme sunucusuyla eşleştirin</translation>
    </message>
    <message>
        <source>This laptop does not sync with a server yet. To enrol it:
1. An administrator runs on the server: {command}
   It prints a one-time code, valid for a week.
2. Type the server&apos;s address and that code below, then press Enrol.
Only a new, empty database can be enrolled; its records then come from the server with the first sync.</source>
        <translation>Bu bilgisayar henüz bir sunucuyla eşitlenmiyor. Eşleştirmek için:
1. Bir yönetici sunucuda şunu çalıştırır: {command}
   Komut, bir hafta geçerli, tek kullanımlık bir kod yazar.
2. Sunucunun adresini ve bu kodu aşağıya yazıp Eşleştir düğmesine basın.
Yalnızca yeni ve boş bir veritabanı eşleştirilebilir; kayıtları ilk eşitlemede sunucudan gelir.</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>Eşleştir</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Sunucu adresi</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>Eşleştirme kodu</translation>
    </message>
    <message>
        <source>Type the server&apos;s address and the enrolment code.</source>
        <translation>Sunucu adresini ve eşleştirme kodunu yazın.</translation>
    </message>
    <message>
        <source>Enrolling with {url}…</source>
        <translation>{url} ile eşleştiriliyor…</translation>
    </message>
    <message>
        <source>Enrolled as {name}.</source>
        <translation>{name} adıyla eşleştirildi.</translation>
    </message>
</context>
<context>
    <name>FileOpener</name>
    <message>
        <source>Cannot open {ref}</source>
        <translation>{ref} açılamıyor</translation>
    </message>
</context>
<context>
    <name>FileStep</name>
    <message>
        <source>An .xlsx or .csv file, e.g. a KoboToolbox export</source>
        <translation>Bir .xlsx veya .csv dosyası, ör. bir KoboToolbox dışa aktarımı</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Gözat…</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>Otomatik algıla</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Dosya:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Sayfa:</translation>
    </message>
    <message>
        <source>The rows are:</source>
        <translation>Kayıt türü:</translation>
    </message>
    <message>
        <source>Text encoding (CSV):</source>
        <translation>Karakter kodlaması (CSV):</translation>
    </message>
    <message>
        <source>Separator (CSV):</source>
        <translation>Ayırıcı (CSV):</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>İçe aktarılacak dosyayı seçin</translation>
    </message>
    <message>
        <source>Excel or CSV files (*.xlsx *.csv);;All files (*)</source>
        <translation>Excel veya CSV dosyaları (*.xlsx *.csv);;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>Choose the file. A CSV from Turkish Excel (“;” between values, Windows Turkish letters) and KoboToolbox or ODK exports are read as they are.</source>
        <translation>Dosyayı seçin. Türkçe Excel’in CSV dosyaları (değerler arasında “;”, Windows Türkçe harfleri) ile KoboToolbox veya ODK dışa aktarımları olduğu gibi okunur.</translation>
    </message>
    <message>
        <source>Detected: {choice}</source>
        <translation>Algılanan: {choice}</translation>
    </message>
    <message>
        <source>{rows} and {columns} on “{sheet}”; the column titles are on row {header}.</source>
        <translation>“{sheet}” sayfasında {rows} ve {columns} var; sütun başlıkları {header}. satırda.</translation>
    </message>
    <message numerus="yes">
        <source>%n rows</source>
        <translation>
            <numerusform>%n satır</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n columns</source>
        <translation>
            <numerusform>%n sütun</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n empty rows are left out.</source>
        <translation>
            <numerusform>%n boş satır atlandı.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A KoboToolbox/ODK export with %n repeat-group sheets.</source>
        <translation>
            <numerusform>%n tekrar grubu sayfası olan bir KoboToolbox/ODK dışa aktarımı.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up the programme</source>
        <translation>Programın kurulumu</translation>
    </message>
</context>
<context>
    <name>HeldOpsModel</name>
    <message>
        <source>In conflict</source>
        <translation>Çakışmada</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Reddedildi</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Değiştirilme</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Kayıt</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Alanlar</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Gerekçe</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>When</source>
        <translation>Ne zaman</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Kim</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Ne</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Değişiklikler</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Gerekçe</translation>
    </message>
    <message>
        <source>{record} {ref} {action}</source>
        <translation>{record} {ref}: {action}</translation>
    </message>
</context>
<context>
    <name>HouseholdBox</name>
    <message>
        <source>Household</source>
        <translation>Hane</translation>
    </message>
    <message>
        <source>Full name as on the ID card</source>
        <translation>Kimlik kartındaki gibi ad soyad</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Hane reisi</translation>
    </message>
    <message>
        <source>TCKN or YKN, 11 digits</source>
        <translation>TCKN ya da YKN, 11 hane</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Kimlik no.</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Uyruk</translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation>Koruma statüsü</translation>
    </message>
    <message>
        <source>0532 123 45 67</source>
        <translation>0532 123 45 67</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Cep telefonu</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Üyeler</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>Kırılganlıklar</translation>
    </message>
    <message>
        <source>Consent to data processing given on</source>
        <translation>Veri işleme onayının verildiği tarih</translation>
    </message>
    <message>
        <source>KVKK</source>
        <translation>KVKK</translation>
    </message>
</context>
<context>
    <name>HouseholdTab</name>
    <message>
        <source>Edit household…</source>
        <translation>Haneyi düzenle…</translation>
    </message>
    <message>
        <source>No household is linked to this dwelling.</source>
        <translation>Bu konuta bağlı hane yok.</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Numara</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Hane reisi</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Kimlik no.</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Uyruk</translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation>Koruma statüsü</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Cep telefonu</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Üyeler</translation>
    </message>
    <message numerus="yes">
        <source>%n people: {bands}</source>
        <translation>
            <numerusform>%n kişi: {bands}</numerusform>
        </translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>Kırılganlıklar</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>kayıt yok</translation>
    </message>
    <message>
        <source>Consent (KVKK)</source>
        <translation>Açık rıza (KVKK)</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>kaydedilmedi</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from Excel, CSV or Kobo</source>
        <translation>Excel, CSV veya Kobo’dan içe aktar</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Geri</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>İleri</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>İçe aktar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Step 1 of 5: the file</source>
        <translation>Adım 1/5: dosya</translation>
    </message>
    <message>
        <source>Step 2 of 5: the columns</source>
        <translation>Adım 2/5: sütunlar</translation>
    </message>
    <message>
        <source>Step 3 of 5: the values</source>
        <translation>Adım 3/5: değerler</translation>
    </message>
    <message>
        <source>Step 4 of 5: options</source>
        <translation>Adım 4/5: seçenekler</translation>
    </message>
    <message>
        <source>Step 5 of 5: check and import</source>
        <translation>Adım 5/5: kontrol ve içe aktarma</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Önizle</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>{file} okunuyor…</translation>
    </message>
    <message>
        <source>Reading the file was cancelled.</source>
        <translation>Dosyanın okunması iptal edildi.</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>Satırlar kontrol ediliyor…</translation>
    </message>
    <message>
        <source>Importing the rows…</source>
        <translation>Satırlar içe aktarılıyor…</translation>
    </message>
    <message numerus="yes">
        <source>All or nothing: nothing will be imported while %n rows are rejected. Correct them (save the report) or choose to import the valid rows.</source>
        <translation>
            <numerusform>Hepsi ya da hiçbiri: %n satır reddedildiği sürece hiçbir şey içe aktarılmaz. Bu satırları düzeltin (raporu kaydedin) ya da geçerli satırları içe aktarmayı seçin.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved. The rows marked below were not imported or have a remark: save the report, correct them and import the report again.</source>
        <translation>Kaydedildi. Aşağıda işaretli satırlar içe aktarılmadı ya da bir not taşıyor: raporu kaydedin, bu satırları düzeltin ve raporu yeniden içe aktarın.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>İçe aktarma tamamlandı</translation>
    </message>
    <message>
        <source>The import of {file} is finished.</source>
        <translation>{file} dosyasının içe aktarılması tamamlandı.</translation>
    </message>
    <message>
        <source>Cancelled; nothing was saved.</source>
        <translation>İptal edildi; hiçbir şey kaydedilmedi.</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>Satır</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Kayıt</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mesaj</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Photo import</source>
        <translation>Fotoğraf içe aktarma</translation>
    </message>
    <message>
        <source>imported, with a warning</source>
        <translation>içe aktarıldı, uyarıyla</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Dosya</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Neden</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Inbox</source>
        <translation>Gelen kutusu</translation>
    </message>
    <message>
        <source>BoQs to approve ({count})</source>
        <translation>Onay bekleyen keşifler ({count})</translation>
    </message>
    <message>
        <source>Timesheets to approve ({count})</source>
        <translation>Onay bekleyen puantajlar ({count})</translation>
    </message>
    <message>
        <source>Reopen requests ({count})</source>
        <translation>Yeniden açma talepleri ({count})</translation>
    </message>
    <message>
        <source>Sync conflicts ({count})</source>
        <translation>Eşitleme çakışmaları ({count})</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <source>found in the Turkish text</source>
        <translation>Türkçe metinde bulundu</translation>
    </message>
    <message>
        <source>found in the English text</source>
        <translation>İngilizce metinde bulundu</translation>
    </message>
    <message>
        <source>found in the Arabic text</source>
        <translation>Arapça metinde bulundu</translation>
    </message>
</context>
<context>
    <name>ItemsTableModel</name>
    <message>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Description (Turkish)</source>
        <translation>Tanım (Türkçe)</translation>
    </message>
    <message>
        <source>Description (English)</source>
        <translation>Tanım (İngilizce)</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Birim</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Birim fiyat</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>KDV %</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Kaldırıldı</translation>
    </message>
    <message>
        <source>Description (Arabic)</source>
        <translation>Tanım (Arapça)</translation>
    </message>
</context>
<context>
    <name>LabourTab</name>
    <message>
        <source>Timesheets</source>
        <translation>Puantajlar</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Ödemeler</translation>
    </message>
</context>
<context>
    <name>LandlordBox</name>
    <message>
        <source>Landlord</source>
        <translation>Kiraya veren</translation>
    </message>
    <message>
        <source>e.g. GAZ-L-000012, or leave empty</source>
        <translation>ör. GAZ-L-000012 ya da boş bırakın</translation>
    </message>
    <message>
        <source>Registered landlord</source>
        <translation>Kayıtlı kiraya veren</translation>
    </message>
    <message>
        <source>New landlord is a</source>
        <translation>Yeni kiraya veren türü</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>TCKN, or tax number of a company</source>
        <translation>TCKN ya da şirketin vergi numarası</translation>
    </message>
    <message>
        <source>ID or tax number</source>
        <translation>Kimlik ya da vergi no.</translation>
    </message>
    <message>
        <source>0532 123 45 67</source>
        <translation>0532 123 45 67</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Cep telefonu</translation>
    </message>
    <message>
        <source>Needed for the agreement; may be added later</source>
        <translation>Sözleşme için gerekli; sonra da eklenebilir</translation>
    </message>
    <message>
        <source>IBAN (for the rent)</source>
        <translation>IBAN (kira için)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
</context>
<context>
    <name>LandlordDialog</name>
    <message>
        <source>Landlord {ref}</source>
        <translation>Kiraya veren {ref}</translation>
    </message>
    <message>
        <source>Register a landlord</source>
        <translation>Kiraya veren kaydet</translation>
    </message>
    <message>
        <source>Landlord is a</source>
        <translation>Kiraya veren türü</translation>
    </message>
    <message>
        <source>Name or company title</source>
        <translation>Ad ya da şirket unvanı</translation>
    </message>
    <message>
        <source>TCKN or YKN (11 digits), or a company&apos;s tax number (10)</source>
        <translation>TCKN ya da YKN (11 hane) veya şirketin vergi numarası (10)</translation>
    </message>
    <message>
        <source>ID or tax number</source>
        <translation>Kimlik ya da vergi no.</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Cep telefonu</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
</context>
<context>
    <name>LandlordTableModel</name>
    <message>
        <source>Landlord</source>
        <translation>Kiraya veren</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>ID or tax number</source>
        <translation>Kimlik ya da vergi no.</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Dwellings</source>
        <translation>Konutlar</translation>
    </message>
</context>
<context>
    <name>LandlordsDialog</name>
    <message>
        <source>Landlords</source>
        <translation>Kiraya verenler</translation>
    </message>
    <message>
        <source>Search by name or reference</source>
        <translation>Ad ya da numarayla arayın</translation>
    </message>
    <message>
        <source>Register…</source>
        <translation>Yeni kayıt…</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>No</source>
        <translation>Sıra</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Tanım</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Birim</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Miktar</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Birim fiyat</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>KDV %</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Tutar</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Barınak — shelter programme</source>
        <translation>Barınak — barınma programı</translation>
    </message>
    <message>
        <source>Dwellings</source>
        <translation>Konutlar</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Veritabanı açılıyor…</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>Değerlendirmeler</translation>
    </message>
    <message>
        <source>Bills of quantity</source>
        <translation>Keşif özetleri</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Sözleşmeler</translation>
    </message>
    <message>
        <source>Cash-for-work</source>
        <translation>Çalışma karşılığı nakit</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Raporlar</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Gelen kutusu</translation>
    </message>
    <message>
        <source>Price catalogue</source>
        <translation>Fiyat kataloğu</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Denetim kaydı</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Kullanıcılar</translation>
    </message>
    <message>
        <source>Offices</source>
        <translation>Ofisler</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Yedekler</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
    <message>
        <source>Import from Excel, CSV or Kobo…</source>
        <translation>Excel, CSV veya Kobo’dan içe aktar…</translation>
    </message>
    <message numerus="yes">
        <source>Database: {name} — %n dwellings</source>
        <translation>
            <numerusform>Veritabanı: {name} — %n konut</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>Oturum: {name} ({role})</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>Parolamı değiştir…</translation>
    </message>
    <message>
        <source>Sign out / switch user…</source>
        <translation>Oturumu kapat / kullanıcı değiştir…</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>Oturum kapatıldı.</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Parolanız değiştirildi.</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Eşitleme</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>Eşitleme çakışmaları</translation>
    </message>
    <message>
        <source>This laptop was revoked</source>
        <translation>Bu dizüstü bilgisayarın yetkisi kaldırıldı</translation>
    </message>
</context>
<context>
    <name>MappingStep</name>
    <message>
        <source>Choose the column of the file that fills each field. Fields marked * are required; the others may stay empty.</source>
        <translation>Her alanı dolduracak dosya sütununu seçin. * ile işaretli alanlar zorunludur; diğerleri boş kalabilir.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Alan</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Dosyadaki sütun</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Örnek</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Neden</translation>
    </message>
    <message>
        <source>Load mapping…</source>
        <translation>Eşleştirmeyi yükle…</translation>
    </message>
    <message>
        <source>Save mapping…</source>
        <translation>Eşleştirmeyi kaydet…</translation>
    </message>
    <message>
        <source>Use the columns saved for an earlier file</source>
        <translation>Önceki bir dosya için kaydedilen sütunları kullan</translation>
    </message>
    <message>
        <source>Keep these choices for the next file of this kind</source>
        <translation>Bu seçimleri bu türdeki sonraki dosya için sakla</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— içe aktarılmaz —</translation>
    </message>
    <message>
        <source>chosen by you</source>
        <translation>sizin seçiminiz</translation>
    </message>
    <message>
        <source>Choose a column for: {fields}.</source>
        <translation>Şu alanlar için bir sütun seçin: {fields}.</translation>
    </message>
    <message>
        <source>Load a mapping</source>
        <translation>Eşleştirme yükle</translation>
    </message>
    <message>
        <source>Mapping files (*.json)</source>
        <translation>Eşleştirme dosyaları (*.json)</translation>
    </message>
    <message>
        <source>from the mapping file {name}</source>
        <translation>{name} eşleştirme dosyasından</translation>
    </message>
    <message>
        <source>Save the mapping</source>
        <translation>Eşleştirmeyi kaydet</translation>
    </message>
    <message>
        <source>Cannot save the mapping {path}: {error}. Choose another folder.</source>
        <translation>{path} eşleştirmesi kaydedilemiyor: {error}. Başka bir klasör seçin.</translation>
    </message>
    <message>
        <source>The mapping was saved as {path}.</source>
        <translation>Eşleştirme {path} olarak kaydedildi.</translation>
    </message>
</context>
<context>
    <name>MeasurementTable</name>
    <message>
        <source>Room</source>
        <translation>Oda</translation>
    </message>
    <message>
        <source>Length m</source>
        <translation>Uzunluk m</translation>
    </message>
    <message>
        <source>Width m</source>
        <translation>Genişlik m</translation>
    </message>
    <message>
        <source>Height m</source>
        <translation>Yükseklik m</translation>
    </message>
    <message>
        <source>Exterior walls m</source>
        <translation>Dış duvarlar m</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Adet</translation>
    </message>
    <message>
        <source>Exterior</source>
        <translation>Dış</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Satırı sil</translation>
    </message>
    <message numerus="yes">
        <source>%n windows</source>
        <translation>
            <numerusform>%n pencere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n doors</source>
        <translation>
            <numerusform>%n kapı</numerusform>
        </translation>
    </message>
    <message>
        <source>Take-off: floor {floor} m², walls {walls} m², exterior walls {exterior} m², {windows} {window_area} m², {doors}</source>
        <translation>Metraj: taban {floor} m², duvarlar {walls} m², dış duvarlar {exterior} m², {windows} {window_area} m², {doors}</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Household member</source>
        <translation>Hane üyesi</translation>
    </message>
    <message>
        <source>New household member</source>
        <translation>Yeni hane üyesi</translation>
    </message>
    <message>
        <source>As on the Turkish ID card</source>
        <translation>Türk kimlik kartındaki gibi</translation>
    </message>
    <message>
        <source>When the date of birth is unknown</source>
        <translation>Doğum tarihi bilinmiyorsa</translation>
    </message>
    <message>
        <source>TCKN or YKN, 11 digits</source>
        <translation>TCKN ya da YKN, 11 hane</translation>
    </message>
    <message>
        <source>Name (Latin letters)</source>
        <translation>Ad (Latin harfleriyle)</translation>
    </message>
    <message>
        <source>Name (Arabic letters)</source>
        <translation>Ad (Arap harfleriyle)</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Cinsiyet</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Doğum tarihi</translation>
    </message>
    <message>
        <source>or age in years</source>
        <translation>ya da yaşı</translation>
    </message>
    <message>
        <source>Relation to the head</source>
        <translation>Hane reisine yakınlığı</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Kimlik no.</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <source>Name (Latin)</source>
        <translation>Ad (Latin)</translation>
    </message>
    <message>
        <source>Name (Arabic)</source>
        <translation>Ad (Arapça)</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Cinsiyet</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Doğum</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Yaş</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Yakınlık</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Kimlik no.</translation>
    </message>
    <message>
        <source>about {year}</source>
        <translation>yaklaşık {year}</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <source>&amp;Add member…</source>
        <translation>Üye &amp;ekle…</translation>
    </message>
    <message>
        <source>&amp;Edit member…</source>
        <translation>Üyeyi &amp;düzelt…</translation>
    </message>
    <message>
        <source>&amp;Remove member</source>
        <translation>Üyeyi ç&amp;ıkar</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Üyeyi çıkar</translation>
    </message>
    <message>
        <source>Remove {name} from the household&apos;s register?</source>
        <translation>{name} hane listesinden çıkarılsın mı?</translation>
    </message>
</context>
<context>
    <name>MonitoringTab</name>
    <message>
        <source>Record a visit…</source>
        <translation>Ziyaret kaydet…</translation>
    </message>
    <message>
        <source>Monitoring starts when the landlord agreement is signed and active; none is yet.</source>
        <translation>İzleme, kiraya veren sözleşmesi imzalanıp yürürlüğe girince başlar; henüz yürürlükte sözleşme yok.</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Sözleşme</translation>
    </message>
    <message>
        <source>{number} ({status})</source>
        <translation>{number} ({status})</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Süre</translation>
    </message>
    <message>
        <source>Visits made</source>
        <translation>Yapılan ziyaretler</translation>
    </message>
    <message>
        <source>{made} of {all}</source>
        <translation>{all} ziyaretten {made}</translation>
    </message>
    <message>
        <source>Next visit due</source>
        <translation>Sıradaki ziyaret</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yok</translation>
    </message>
    <message>
        <source>Rent agreed / last paid</source>
        <translation>Anlaşılan kira / son ödenen</translation>
    </message>
</context>
<context>
    <name>OfficeFields</name>
    <message>
        <source>3 letters, e.g. GAZ</source>
        <translation>3 harf, ör. GAZ</translation>
    </message>
    <message>
        <source>e.g. Gaziantep Field Office</source>
        <translation>ör. Gaziantep Saha Ofisi</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>İl</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
</context>
<context>
    <name>OfficeTableModel</name>
    <message>
        <source>Open</source>
        <translation>Açık</translation>
    </message>
    <message>
        <source>Closed on {date}</source>
        <translation>{date} tarihinde kapatıldı</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>İl</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Bütçe</translation>
    </message>
</context>
<context>
    <name>OfficesPage</name>
    <message>
        <source>Offices</source>
        <translation>Ofisler</translation>
    </message>
    <message>
        <source>Add office…</source>
        <translation>Ofis ekle…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Yeniden adlandır…</translation>
    </message>
    <message>
        <source>Close office…</source>
        <translation>Ofisi kapat…</translation>
    </message>
    <message>
        <source>The office keeps its records and users but registers no new cases</source>
        <translation>Ofisin kayıtları ve kullanıcıları kalır, ancak yeni vaka kaydedilmez</translation>
    </message>
    <message>
        <source>Reopen office</source>
        <translation>Ofisi yeniden aç</translation>
    </message>
    <message>
        <source>Budget…</source>
        <translation>Bütçe…</translation>
    </message>
    <message>
        <source>Office {code} is added.</source>
        <translation>{code} ofisi eklendi.</translation>
    </message>
    <message>
        <source>Office {code} is renamed.</source>
        <translation>{code} ofisinin adı değiştirildi.</translation>
    </message>
    <message>
        <source>The budget of office {code} is saved.</source>
        <translation>{code} ofisinin bütçesi kaydedildi.</translation>
    </message>
    <message>
        <source>Close office {code}?</source>
        <translation>{code} ofisi kapatılsın mı?</translation>
    </message>
    <message>
        <source>{name} will register no new cases. Its cases, records and users stay, and you can reopen it later.</source>
        <translation>{name} yeni vaka kaydetmeyecek. Vakaları, kayıtları ve kullanıcıları kalır; ofisi sonra yeniden açabilirsiniz.</translation>
    </message>
    <message>
        <source>Office {code} is closed.</source>
        <translation>{code} ofisi kapatıldı.</translation>
    </message>
    <message>
        <source>Office {code} is open again.</source>
        <translation>{code} ofisi yeniden açıldı.</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Yapılmadı</translation>
    </message>
</context>
<context>
    <name>OfficesStep</name>
    <message>
        <source>Offices</source>
        <translation>Ofisler</translation>
    </message>
    <message>
        <source>Add each field office. You can add, rename and close offices later too.</source>
        <translation>Her saha ofisini ekleyin. Ofisleri daha sonra da ekleyebilir, yeniden adlandırabilir ve kapatabilirsiniz.</translation>
    </message>
    <message>
        <source>Choose the province first: the programme&apos;s usual code and name are filled in. The code starts every reference the office issues (GAZ-D-000123) and cannot change later.</source>
        <translation>Önce ili seçin: programın o ildeki ofisinin kodu ve adı kendiliğinden doldurulur. Kod, ofisin verdiği her referansın başında yer alır (GAZ-D-000123) ve sonradan değiştirilemez.</translation>
    </message>
    <message>
        <source>Add office</source>
        <translation>Ofisi ekle</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Kaldır</translation>
    </message>
    <message>
        <source>Offices to create:</source>
        <translation>Oluşturulacak ofisler:</translation>
    </message>
</context>
<context>
    <name>OpeningsTable</name>
    <message>
        <source>Add window or door</source>
        <translation>Pencere ya da kapı ekle</translation>
    </message>
</context>
<context>
    <name>OptionsStep</name>
    <message>
        <source>Skip them: keep what is registered</source>
        <translation>Atla: kayıtlı olanı koru</translation>
    </message>
    <message>
        <source>Update them with the file&apos;s values</source>
        <translation>Dosyadaki değerlerle güncelle</translation>
    </message>
    <message>
        <source>Import the valid rows; the report lists the others</source>
        <translation>Geçerli satırları içe aktar; diğerleri raporda listelenir</translation>
    </message>
    <message>
        <source>All or nothing: import no row until every row is valid</source>
        <translation>Hepsi ya da hiçbiri: tüm satırlar geçerli olana dek hiçbir satırı içe aktarma</translation>
    </message>
    <message>
        <source>Also import rows with warnings (values the form would ask to confirm)</source>
        <translation>Uyarılı satırları da içe aktar (formun onay isteyeceği değerler)</translation>
    </message>
    <message>
        <source>No photos</source>
        <translation>Fotoğraf yok</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Gözat…</translation>
    </message>
    <message>
        <source>Photos named in the file are looked for in this folder and its subfolders (KoboToolbox: the unzipped attachments download).</source>
        <translation>Dosyada adı geçen fotoğraflar bu klasörde ve alt klasörlerinde aranır (KoboToolbox: zip’ten çıkarılmış ek dosyaları indirmesi).</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotoğraflar</translation>
    </message>
    <message>
        <source>Records already registered (same ID number, IBAN or Kobo submission)</source>
        <translation>Zaten kayıtlı olanlar (aynı kimlik numarası, IBAN veya Kobo gönderimi)</translation>
    </message>
    <message>
        <source>Rows with errors</source>
        <translation>Hatalı satırlar</translation>
    </message>
    <message>
        <source>Folder of the photos</source>
        <translation>Fotoğrafların klasörü</translation>
    </message>
</context>
<context>
    <name>OverdueModel</name>
    <message>
        <source>Agreement</source>
        <translation>Sözleşme</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>Konut</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Kiracı</translation>
    </message>
    <message>
        <source>Due since</source>
        <translation>Şu tarihten beri gecikmede</translation>
    </message>
    <message>
        <source>Days late</source>
        <translation>Gecikme (gün)</translation>
    </message>
    <message>
        <source>Visits missed</source>
        <translation>Kaçırılan ziyaretler</translation>
    </message>
</context>
<context>
    <name>PackageButtons</name>
    <message>
        <source>Export package…</source>
        <translation>Paket dışa aktar…</translation>
    </message>
    <message>
        <source>Write this laptop&apos;s changes and new photos into a file for a USB stick, for an office without a connection</source>
        <translation>Bu bilgisayarın değişikliklerini ve yeni fotoğraflarını, bağlantısı olmayan bir ofis için USB belleğe konacak bir dosyaya yazar</translation>
    </message>
    <message>
        <source>Import package…</source>
        <translation>Paket içe aktar…</translation>
    </message>
    <message>
        <source>Where the server is reached: apply a laptop&apos;s package and write its receipt. On that laptop: import the receipt</source>
        <translation>Sunucuya ulaşılan yerde: bir bilgisayarın paketini uygular ve alındısını yazar. O bilgisayarda: alındıyı içe aktarır</translation>
    </message>
    <message>
        <source>Sync packages (*{suffix});;All files (*)</source>
        <translation>Eşitleme paketleri (*{suffix});;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>Export package</source>
        <translation>Paket dışa aktar</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>Paket yazılıyor…</translation>
    </message>
    <message>
        <source>Wrote package {number} to {file}: {ops}, {files}. Import it where the server is reached, then import its receipt here.</source>
        <translation>{number} numaralı paket {file} dosyasına yazıldı: {ops}, {files}. Sunucuya ulaşılan yerde içe aktarın, sonra alındısını burada içe aktarın.</translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n değişiklik</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos and scans</source>
        <translation>
            <numerusform>%n fotoğraf ve tarama</numerusform>
        </translation>
    </message>
    <message>
        <source>Receipt taken: {applied}, {conflicts}, {refused}; received {pulled} and {files}.</source>
        <translation>Alındı işlendi: {applied}, {conflicts}, {refused}; {pulled} ile {files} geldi.</translation>
    </message>
    <message numerus="yes">
        <source>%n applied</source>
        <translation>
            <numerusform>%n uygulandı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n çakışmada</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n reddedildi</numerusform>
        </translation>
    </message>
    <message>
        <source>Import package or receipt</source>
        <translation>Paket ya da alındı içe aktar</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>Alındıyı kaydet</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>İçe aktarılıyor…</translation>
    </message>
    <message>
        <source>Applied the package; its receipt is {file}. Take it back to the laptop and import it there.</source>
        <translation>Paket uygulandı; alındısı {file}. Onu bilgisayara geri götürüp orada içe aktarın.</translation>
    </message>
    <message>
        <source>A sync is running; try again when it has finished.</source>
        <translation>Bir eşitleme sürüyor; bittiğinde yeniden deneyin.</translation>
    </message>
</context>
<context>
    <name>PackageEnrolForm</name>
    <message>
        <source>No network here? Enrol from a USB stick</source>
        <translation>Burada ağ yok mu? USB bellekten eşleştirin</translation>
    </message>
    <message>
        <source>An administrator writes this laptop&apos;s enrolment package on the server ({command}) and gives you the code printed with it, apart from the stick. Choose the package, type the code and press Import: the office&apos;s records come from the package.</source>
        <translation>Bir yönetici bu bilgisayarın eşleştirme paketini sunucuda hazırlar ({command}) ve paketle birlikte yazdırılan kodu size USB bellekten ayrı olarak verir. Paketi seçin, kodu yazın ve İçe aktar&apos;a basın: ofisin kayıtları paketten gelir.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Seç…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>İçe aktar</translation>
    </message>
    <message>
        <source>Enrolment package</source>
        <translation>Eşleştirme paketi</translation>
    </message>
    <message>
        <source>Package code</source>
        <translation>Paket kodu</translation>
    </message>
    <message>
        <source>Sync packages (*{suffix});;All files (*)</source>
        <translation>Eşitleme paketleri (*{suffix});;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>Choose the enrolment package.</source>
        <translation>Eşleştirme paketini seçin.</translation>
    </message>
    <message>
        <source>Type the code given with the package.</source>
        <translation>Paketle birlikte verilen kodu yazın.</translation>
    </message>
    <message>
        <source>Importing the enrolment package…</source>
        <translation>Eşleştirme paketi içe aktarılıyor…</translation>
    </message>
    <message>
        <source>Enrolled as {name}.</source>
        <translation>{name} adıyla eşleştirildi.</translation>
    </message>
</context>
<context>
    <name>PaymentsTab</name>
    <message>
        <source>Build payment batch</source>
        <translation>Ödeme listesi hazırla</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>XLSX dışa aktar…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV dışa aktar…</translation>
    </message>
    <message>
        <source>Print payment list</source>
        <translation>Ödeme listesini yazdır</translation>
    </message>
    <message>
        <source>Mark paid</source>
        <translation>Ödendi olarak işaretle</translation>
    </message>
    <message>
        <source>Month (YYYY-MM)</source>
        <translation>Ay (YYYY-AA)</translation>
    </message>
    <message numerus="yes">
        <source>%n approved timesheets (days worked: {days}) wait for a batch.</source>
        <translation>
            <numerusform>%n onaylı puantaj (çalışılan gün: {days}) bir ödeme listesi bekliyor.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pay before the month ends</source>
        <translation>Ay bitmeden öde</translation>
    </message>
    <message>
        <source>Built {refs}: {total}.</source>
        <translation>Hazırlandı: {refs}: {total}.</translation>
    </message>
    <message>
        <source>Writing the payment list…</source>
        <translation>Ödeme listesi yazılıyor…</translation>
    </message>
    <message numerus="yes">
        <source>Saved {path}: %n lines, total {total}.</source>
        <translation>
            <numerusform>{path} kaydedildi: %n satır, toplam {total}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing the payment list…</source>
        <translation>Ödeme listesi yazdırılıyor…</translation>
    </message>
    <message>
        <source>{ref} is recorded as paid.</source>
        <translation>{ref} ödendi olarak kaydedildi.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx)</source>
        <translation>Hesap tabloları (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV dosyaları (*.csv)</translation>
    </message>
    <message>
        <source>Export the payment list</source>
        <translation>Ödeme listesini dışa aktar</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message numerus="yes">
        <source>%n pages — {path}</source>
        <translation>
            <numerusform>%n sayfa — {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>Kopyasını kaydet…</translation>
    </message>
    <message>
        <source>Open in the system viewer</source>
        <translation>Sistem görüntüleyicisinde aç</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>PDF&apos;yi kaydet</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF dosyaları (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Kaydedilmedi</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>{path} yazılamıyor: {error}</translation>
    </message>
</context>
<context>
    <name>PhotoDetailsDialog</name>
    <message>
        <source>Photo details</source>
        <translation>Fotoğraf ayrıntıları</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(yok)</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiket</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Açıklama</translation>
    </message>
    <message>
        <source>Shows</source>
        <translation>Gösterdiği</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Değerlendirme</translation>
    </message>
</context>
<context>
    <name>PhotoPlace</name>
    <message>
        <source>only on this laptop</source>
        <translation>yalnızca bu bilgisayarda</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>gönderiliyor</translation>
    </message>
    <message>
        <source>on the server</source>
        <translation>sunucuda</translation>
    </message>
    <message>
        <source>on the server, not yet here</source>
        <translation>sunucuda, henüz bu bilgisayarda değil</translation>
    </message>
</context>
<context>
    <name>PhotoTag</name>
    <message>
        <source>Before</source>
        <translation>Önce</translation>
    </message>
    <message>
        <source>During</source>
        <translation>Sırasında</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Sonra</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Önceki</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Sonraki ▶</translation>
    </message>
    <message>
        <source>Fetching the full photo… %p%</source>
        <translation>Tam fotoğraf alınıyor… %%p</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <source>Photo {n} of {count}</source>
        <translation>Fotoğraf {n} / {count}</translation>
    </message>
    <message>
        <source>Only the thumbnail is on this laptop; the full photo is being fetched from the server.</source>
        <translation>Bu bilgisayarda yalnızca küçük resim var; tam fotoğraf sunucudan alınıyor.</translation>
    </message>
    <message>
        <source>The photo&apos;s file is missing; run shelter-app check.</source>
        <translation>Fotoğrafın dosyası eksik; shelter-app check komutunu çalıştırın.</translation>
    </message>
    <message>
        <source>Fetching stopped. The full photo comes with the next sync, or when you open it again.</source>
        <translation>Alma durduruldu. Tam fotoğraf bir sonraki eşitlemede ya da onu yeniden açtığınızda gelir.</translation>
    </message>
</context>
<context>
    <name>PhotosPanel</name>
    <message>
        <source>Import photos…</source>
        <translation>Fotoğraf içe aktar…</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>Klasör içe aktar…</translation>
    </message>
    <message>
        <source>All photos</source>
        <translation>Tüm fotoğraflar</translation>
    </message>
    <message>
        <source>The tag new photos get</source>
        <translation>Yeni fotoğrafların alacağı etiket</translation>
    </message>
    <message>
        <source>Before / after…</source>
        <translation>Önce / sonra…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Düzenle…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Kaldır</translation>
    </message>
    <message>
        <source>as</source>
        <translation>etiketi</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Göster</translation>
    </message>
    <message numerus="yes">
        <source>%n photos. Double-click one to look at it closely.</source>
        <translation>
            <numerusform>%n fotoğraf. Yakından bakmak için birine çift tıklayın.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n photos from this dwelling? The audit trail keeps a record of them.</source>
        <translation>
            <numerusform>%n fotoğraf bu konuttan kaldırılsın mı? Denetim kaydı bunların kaydını tutar.</numerusform>
        </translation>
    </message>
    <message>
        <source>No photos yet. Import them with the buttons above, or drop photos or a folder here.</source>
        <translation>Henüz fotoğraf yok. Yukarıdaki düğmelerle içe aktarın ya da fotoğrafları veya bir klasörü buraya bırakın.</translation>
    </message>
    <message>
        <source>No photos yet.</source>
        <translation>Henüz fotoğraf yok.</translation>
    </message>
    <message>
        <source>Select a photo to edit first.</source>
        <translation>Önce düzenlenecek fotoğrafı seçin.</translation>
    </message>
    <message>
        <source>Select the photos to remove first.</source>
        <translation>Önce kaldırılacak fotoğrafları seçin.</translation>
    </message>
    <message>
        <source>Remove photos</source>
        <translation>Fotoğrafları kaldır</translation>
    </message>
    <message>
        <source>Import photos</source>
        <translation>Fotoğraf içe aktar</translation>
    </message>
    <message>
        <source>Photos ({patterns});;All files (*)</source>
        <translation>Fotoğraflar ({patterns});;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>Import a folder of photos</source>
        <translation>Fotoğraf klasörü içe aktar</translation>
    </message>
    <message>
        <source>Importing photos…</source>
        <translation>Fotoğraflar içe aktarılıyor…</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotoğraflar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Importing photos: {done} of {total}…</source>
        <translation>Fotoğraflar içe aktarılıyor: {done} / {total}…</translation>
    </message>
    <message>
        <source>{imported}, {duplicates}, {refused}, {skipped}.</source>
        <translation>{imported}, {duplicates}, {refused}, {skipped}.</translation>
    </message>
    <message numerus="yes">
        <source>%n photos imported</source>
        <translation>
            <numerusform>%n fotoğraf içe aktarıldı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n duplicates</source>
        <translation>
            <numerusform>%n yinelenen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos refused</source>
        <translation>
            <numerusform>%n fotoğraf reddedildi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not imported</source>
        <translation>
            <numerusform>%n içe aktarılmadı</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewStep</name>
    <message>
        <source>Only problems</source>
        <translation>Yalnızca sorunlar</translation>
    </message>
    <message>
        <source>Rejected rows and rows with a remark</source>
        <translation>Reddedilen satırlar ve notu olan satırlar</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Raporu kaydet…</translation>
    </message>
    <message>
        <source>The rows not imported as new, with the reason, as .xlsx or .csv</source>
        <translation>Yeni olarak içe aktarılmayan satırlar, nedenleriyle, .xlsx veya .csv olarak</translation>
    </message>
    <message>
        <source>Supervisor&apos;s confirmation…</source>
        <translation>Süpervizör onayı…</translation>
    </message>
    <message>
        <source>Rows whose ID number is on other records are imported only when a supervisor confirms, with a reason</source>
        <translation>Kimlik numarası başka kayıtlarda bulunan satırlar yalnızca bir süpervizör gerekçesiyle onaylarsa içe aktarılır</translation>
    </message>
    <message>
        <source>Row {row}: {message}</source>
        <translation>Satır {row}: {message}</translation>
    </message>
    <message>
        <source>row {row}: {name} {status}</source>
        <translation>satır {row}: {name} {status}</translation>
    </message>
    <message numerus="yes">
        <source>and %n more (see the report)</source>
        <translation>
            <numerusform>ve %n tane daha (rapora bakın)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n rows to {path}.</source>
        <translation>
            <numerusform>%n satır {path} dosyasına yazıldı.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Raporu kaydet</translation>
    </message>
    <message>
        <source>{new}, {updated}, {unchanged}, {skipped} (already registered), {rejected}; {empty}.</source>
        <translation>{new}, {updated}, {unchanged}, {skipped} (zaten kayıtlı), {rejected}; {empty}.</translation>
    </message>
    <message numerus="yes">
        <source>%n new rows</source>
        <translation>
            <numerusform>%n yeni satır</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n güncellendi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n değişmedi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n atlandı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n reddedildi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n empty rows left out</source>
        <translation>
            <numerusform>%n boş satır dışarıda bırakıldı</numerusform>
        </translation>
    </message>
    <message>
        <source>{imported}, {missing}.</source>
        <translation>{imported}, {missing}.</translation>
    </message>
    <message numerus="yes">
        <source>%n photos imported</source>
        <translation>
            <numerusform>%n fotoğraf içe aktarıldı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos not found</source>
        <translation>
            <numerusform>%n fotoğraf bulunamadı</numerusform>
        </translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>Excel çalışma kitabı (*.xlsx);;Excel için CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ProgrammePage</name>
    <message>
        <source>The programme</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>This database is new. Name the programme, add its offices, then create the administrator&apos;s account.</source>
        <translation>Bu veritabanı yeni. Programa bir ad verin, ofislerini ekleyin, ardından yöneticinin hesabını oluşturun.</translation>
    </message>
    <message>
        <source>Programme name</source>
        <translation>Programın adı</translation>
    </message>
    <message>
        <source>Printed on every agreement as the third party.</source>
        <translation>Her sözleşmede üçüncü taraf olarak basılır.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>Kurtarma anahtarı</translation>
    </message>
    <message>
        <source>This computer&apos;s data is encrypted. If every password is lost, only this recovery key opens it. Print it or write it down now and keep it locked away from the computer: it is shown only this once.</source>
        <translation>Bu bilgisayardaki veriler şifrelidir. Bütün parolalar unutulursa verileri yalnızca bu kurtarma anahtarı açar. Şimdi yazdırın ya da bir kâğıda yazın ve bilgisayardan ayrı, kilitli bir yerde saklayın: yalnızca bu kez gösterilir.</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Yazdır…</translation>
    </message>
    <message>
        <source>Barınak recovery key</source>
        <translation>Barınak kurtarma anahtarı</translation>
    </message>
    <message>
        <source>It opens this computer&apos;s data when every password is lost. Keep it locked away from the computer.</source>
        <translation>Bütün parolalar unutulduğunda bu bilgisayardaki verileri açar. Bilgisayardan ayrı, kilitli bir yerde saklayın.</translation>
    </message>
</context>
<context>
    <name>RegisterCaseDialog</name>
    <message>
        <source>Register household and dwelling</source>
        <translation>Haneyi ve konutu kaydet</translation>
    </message>
</context>
<context>
    <name>RenameOfficeDialog</name>
    <message>
        <source>Rename office {code}</source>
        <translation>{code} ofisini yeniden adlandır</translation>
    </message>
    <message>
        <source>The code {code} and the references already issued stay as they are.</source>
        <translation>{code} kodu ve daha önce verilmiş referanslar olduğu gibi kalır.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>Raporlar</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>Tüm ofisler</translation>
    </message>
    <message>
        <source>Only the period from</source>
        <translation>Yalnızca şu dönem:</translation>
    </message>
    <message>
        <source>Save as XLSX…</source>
        <translation>XLSX olarak kaydet…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDF olarak kaydet…</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Ofis</translation>
    </message>
    <message>
        <source>to</source>
        <translation>ile</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Hesaplanıyor…</translation>
    </message>
    <message numerus="yes">
        <source>{scope} — %n cases.</source>
        <translation>
            <numerusform>{scope} — %n vaka.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the programme report</source>
        <translation>Program raporunu kaydet</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel çalışma kitabı (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF belgesi (*.pdf)</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>{name} kaydediliyor…</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>{path} kaydedildi.</translation>
    </message>
    <message>
        <source>Cannot save {name}</source>
        <translation>{name} kaydedilemiyor</translation>
    </message>
</context>
<context>
    <name>RequestInbox</name>
    <message>
        <source>Approve and reopen</source>
        <translation>Onayla ve yeniden aç</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>Geri gönder…</translation>
    </message>
    <message>
        <source>No reopen request waits.</source>
        <translation>Bekleyen yeniden açma talebi yok.</translation>
    </message>
    <message>
        <source>{who} asks on {when} to reopen {ref} ({house}):
{reason}</source>
        <translation>{who}, {when} tarihinde {ref} kaydının ({house}) yeniden açılmasını istiyor:
{reason}</translation>
    </message>
    <message>
        <source>Total incl. VAT: {total}</source>
        <translation>KDV dahil toplam: {total}</translation>
    </message>
    <message numerus="yes">
        <source>Approved timesheet of %n workers; days worked: {days}.</source>
        <translation>
            <numerusform>Onaylı puantaj: %n işçi; çalışılan gün: {days}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{ref} is reopened; the engineer can correct it.</source>
        <translation>{ref} yeniden açıldı; mühendis düzeltebilir.</translation>
    </message>
    <message>
        <source>Return the request</source>
        <translation>Talebi geri gönder</translation>
    </message>
    <message>
        <source>Why does the record stay as approved?</source>
        <translation>Kayıt neden onaylandığı gibi kalıyor?</translation>
    </message>
    <message>
        <source>The request to reopen {ref} is returned to the engineer.</source>
        <translation>{ref} için yeniden açma talebi mühendise geri gönderildi.</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <source>Record</source>
        <translation>Kayıt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hane</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Talep eden</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Gerekçe</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>Parolayı sıfırla</translation>
    </message>
    <message>
        <source>Give this user a temporary password and tell it to them in person. They must change it at their next sign-in; a lock-out after failed sign-ins ends now.</source>
        <translation>Bu kullanıcıya geçici bir parola verin ve bunu kendisine yüz yüze söyleyin. Kullanıcı bir sonraki girişte parolayı değiştirmek zorundadır; başarısız girişler nedeniyle konan kilit şimdi kalkar.</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>Geçici parola</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Parolayı tekrarlayın</translation>
    </message>
</context>
<context>
    <name>RoleOfficeDialog</name>
    <message>
        <source>Change role or office</source>
        <translation>Rolü veya ofisi değiştir</translation>
    </message>
    <message>
        <source>The role decides what the user may do, the office which cases they work on. The change applies from their next sign-in.</source>
        <translation>Rol, kullanıcının neler yapabileceğini; ofis ise hangi vakalar üzerinde çalışacağını belirler. Değişiklik bir sonraki girişten itibaren geçerli olur.</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Ofis</translation>
    </message>
</context>
<context>
    <name>RoomsTable</name>
    <message>
        <source>Add room</source>
        <translation>Oda ekle</translation>
    </message>
    <message>
        <source>Room {n}</source>
        <translation>Oda {n}</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <source>The new language applies from the next start of Barınak. Documents keep their own languages.</source>
        <translation>Yeni dil Barınak bir sonraki açılışında geçerli olur. Belgeler kendi dillerini korur.</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Arayüz dili</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Dil</translation>
    </message>
    <message>
        <source>Saved: {language} applies from the next start.</source>
        <translation>Kaydedildi: {language} bir sonraki açılışta geçerli olur.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Giriş yap</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Kilitli</translation>
    </message>
    <message>
        <source>The window was locked after a period of inactivity. Enter your password to continue.</source>
        <translation>Pencere bir süre işlem yapılmadığı için kilitlendi. Devam etmek için parolanızı girin.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Kullanıcı adı</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Parola</translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>Kullanıcı değiştir…</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Signed agreement {number}</source>
        <translation>İmzalı sözleşme {number}</translation>
    </message>
    <message>
        <source>the scan or photo of the signed paper</source>
        <translation>imzalı kâğıdın taraması ya da fotoğrafı</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Seç…</translation>
    </message>
    <message>
        <source>Signed scan</source>
        <translation>İmzalı tarama</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>İmza tarihi</translation>
    </message>
    <message>
        <source>The signed agreement</source>
        <translation>İmzalı sözleşme</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Taramalar (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>StageBar</name>
    <message>
        <source>Next step:</source>
        <translation>Sonraki adım:</translation>
    </message>
    <message>
        <source>Move to “{stage}”</source>
        <translation>“{stage}” aşamasına geç</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Hazır.</translation>
    </message>
    <message>
        <source>Before “{stage}”: {reasons}</source>
        <translation>“{stage}” aşamasından önce: {reasons}</translation>
    </message>
</context>
<context>
    <name>StandardWords</name>
    <message>
        <source>OK</source>
        <translation>Tamam</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Kaydet</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Aç</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Evet</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Hayır</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Uygula</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Yeniden dene</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Yardım</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>İleri</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Geri</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Bitir</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>Barınak — first start</source>
        <translation>Barınak — ilk açılış</translation>
    </message>
    <message>
        <source>Welcome to Barınak</source>
        <translation>Barınak&apos;a hoş geldiniz</translation>
    </message>
    <message>
        <source>This database is empty. If your programme already works with Barınak and has a sync server, enrol this laptop: online, or from a USB stick where no network reaches. It then takes the programme&apos;s records and users, and you sign in as usual. Otherwise set up a new programme.</source>
        <translation>Bu veritabanı boş. Programınız Barınak&apos;ı zaten kullanıyor ve bir eşitleme sunucusu varsa bu bilgisayarı eşleştirin: çevrimiçi ya da ağın ulaşmadığı yerde USB bellekten. Bilgisayar ardından programın kayıtlarını ve kullanıcılarını alır, siz de her zamanki gibi oturum açarsınız. Aksi halde yeni bir program kurun.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Yeniden dene</translation>
    </message>
    <message>
        <source>Set up a new programme instead…</source>
        <translation>Bunun yerine yeni program kur…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>Taking the programme&apos;s records from the server…</source>
        <translation>Programın kayıtları sunucudan alınıyor…</translation>
    </message>
    <message>
        <source>Taking the programme&apos;s records from the server: {done}…</source>
        <translation>Programın kayıtları sunucudan alınıyor: {done}…</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <source>Supervisor&apos;s confirmation</source>
        <translation>Süpervizör onayı</translation>
    </message>
    <message>
        <source>Another record has this ID number. A supervisor may confirm that both records are right; the reason is kept in the audit trail.</source>
        <translation>Bu kimlik numarası başka bir kayıtta da var. İki kaydın da doğru olduğunu ancak bir süpervizör onaylayabilir; gerekçe denetim kaydında saklanır.</translation>
    </message>
    <message>
        <source>e.g. the landlord also works on the site</source>
        <translation>ör. kiraya veren şantiyede de çalışıyor</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Gerekçe</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Süpervizör</translation>
    </message>
    <message>
        <source>Supervisor&apos;s &amp;user name</source>
        <translation>Süpervizörün &amp;kullanıcı adı</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Parola</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Onayla</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>sending {done} of {total}</source>
        <translation>gönderiliyor: {done}/{total}</translation>
    </message>
    <message>
        <source>received {done}</source>
        <translation>alınan: {done}</translation>
    </message>
    <message>
        <source>waiting to be sent: {count}</source>
        <translation>gönderilmeyi bekleyen: {count}</translation>
    </message>
    <message>
        <source>refused: {count}</source>
        <translation>reddedilen: {count}</translation>
    </message>
    <message>
        <source>conflicts: {count}</source>
        <translation>çakışma: {count}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Eşitleniyor…</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Eşitleme başarısız</translation>
    </message>
    <message>
        <source>Click to open the Sync page.</source>
        <translation>Eşitleme sayfasını açmak için tıklayın.</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Henüz eşitlenmedi</translation>
    </message>
    <message>
        <source>Synced {when}</source>
        <translation>Eşitlendi: {when}</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>Eşitleme</translation>
    </message>
    <message>
        <source>This laptop</source>
        <translation>Bu bilgisayar</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Sunucu</translation>
    </message>
    <message>
        <source>Enrolled as</source>
        <translation>Eşleştirildiği ad</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Son eşitleme</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Gönderilmeyi bekleyen</translation>
    </message>
    <message>
        <source>Conflicts for a supervisor</source>
        <translation>Süpervizör kararı bekleyen çakışmalar</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Şimdi eşitle</translation>
    </message>
    <message>
        <source>Decide conflicts…</source>
        <translation>Çakışmalara karar ver…</translation>
    </message>
    <message>
        <source>Changes the server did not take</source>
        <translation>Sunucunun almadığı değişiklikler</translation>
    </message>
    <message>
        <source>The server refused these changes or found that another machine had changed the same field; it kept its own data, which this laptop now shows. A conflict waits for a supervisor&apos;s decision. Remove a change from this list once you have read it.</source>
        <translation>Sunucu bu değişiklikleri reddetti ya da aynı alanı başka bir bilgisayarın da değiştirdiğini gördü; kendi verisini tuttu, bu bilgisayar da artık onu gösteriyor. Bir çakışma süpervizörün kararını bekler. Okuduğunuz değişikliği bu listeden kaldırın.</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>Listeden kaldır</translation>
    </message>
    <message>
        <source>never</source>
        <translation>hiç yapılmadı</translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n değişiklik</numerusform>
        </translation>
    </message>
    <message>
        <source>The last sync failed: {reason}</source>
        <translation>Son eşitleme başarısız oldu: {reason}</translation>
    </message>
    <message>
        <source>The sync status could not be read again: {reason}</source>
        <translation>Eşitleme durumu yeniden okunamadı: {reason}</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Sunucuya bağlanılıyor…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Sending this laptop&apos;s changes: {done} of {total}</source>
        <translation>Bu bilgisayarın değişiklikleri gönderiliyor: {done}/{total}</translation>
    </message>
    <message>
        <source>Sending photos and scans: {done} of {total}</source>
        <translation>Fotoğraflar ve taramalar gönderiliyor: {done} / {total}</translation>
    </message>
    <message>
        <source>Receiving photos and scans: {done} of {total}</source>
        <translation>Fotoğraflar ve taramalar alınıyor: {done} / {total}</translation>
    </message>
    <message>
        <source>Receiving the server&apos;s changes: {done}</source>
        <translation>Sunucunun değişiklikleri alınıyor: {done}</translation>
    </message>
    <message>
        <source>Sync cancelled after sending {pushed} and receiving {pulled}; the rest goes at the next sync.</source>
        <translation>Eşitleme iptal edildi: {pushed} gönderildi, {pulled} alındı; kalanı bir sonraki eşitlemede gider.</translation>
    </message>
    <message>
        <source>Sent {pushed} ({applied}, {conflicts}, {refused}); received {pulled}.</source>
        <translation>{pushed} gönderildi ({applied}, {conflicts}, {refused}); {pulled} alındı.</translation>
    </message>
    <message numerus="yes">
        <source>%n applied</source>
        <translation>
            <numerusform>%n uygulandı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n çakışmada</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n reddedildi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server did not take %n payment batches built on this laptop:</source>
        <translation>
            <numerusform>Sunucu, bu bilgisayarda hazırlanan %n ödeme listesini almadı:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records of this office now name a record of another office, which this laptop never receives; it no longer shows them:</source>
        <translation>
            <numerusform>Bu ofisin %n kaydı artık başka bir ofisin kayıtlarına bağlı; o kayıtlar bu bilgisayara hiç gelmediği için bu bilgisayar bunları artık göstermiyor:</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Eşitleme başarısız</translation>
    </message>
</context>
<context>
    <name>TimesheetInbox</name>
    <message>
        <source>Days logged against a warning (work permit, household, site):</source>
        <translation>Bir uyarıya rağmen girilen günler (çalışma izni, hane, şantiye):</translation>
    </message>
    <message>
        <source>No day was logged against a warning.</source>
        <translation>Hiçbir gün bir uyarıya rağmen girilmedi.</translation>
    </message>
</context>
<context>
    <name>TimesheetsModel</name>
    <message>
        <source>Timesheet</source>
        <translation>Puantaj</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hane</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Dönem</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Gün</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>İşçiler</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>Gönderen</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Karar veren</translation>
    </message>
    <message>
        <source>Payment batch</source>
        <translation>Ödeme listesi</translation>
    </message>
</context>
<context>
    <name>TimesheetsTab</name>
    <message>
        <source>Search by timesheet or site reference, or household name</source>
        <translation>Puantaj ya da şantiye numarası veya hane adıyla arayın</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tüm durumlar</translation>
    </message>
    <message>
        <source>No timesheet matches &apos;{text}&apos;.</source>
        <translation>&apos;{text}&apos; ile eşleşen puantaj yok.</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Gönder</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Onayla</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>Geri gönder…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Yeniden aç…</translation>
    </message>
    <message>
        <source>Ask to reopen…</source>
        <translation>Yeniden açılmasını iste…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Yazdır…</translation>
    </message>
    <message>
        <source>No timesheet has the status &apos;{status}&apos;.</source>
        <translation>Durumu &apos;{status}&apos; olan puantaj yok.</translation>
    </message>
    <message>
        <source>No timesheet with the status &apos;{status}&apos; matches &apos;{text}&apos;.</source>
        <translation>&apos;{text}&apos; ile eşleşen, durumu &apos;{status}&apos; olan puantaj yok.</translation>
    </message>
    <message>
        <source>{ref} is submitted for approval.</source>
        <translation>{ref} onaya gönderildi.</translation>
    </message>
    <message>
        <source>{ref} is approved and locked.</source>
        <translation>{ref} onaylandı ve kilitlendi.</translation>
    </message>
    <message>
        <source>Return the timesheet</source>
        <translation>Puantajı geri gönder</translation>
    </message>
    <message>
        <source>What should the engineer correct?</source>
        <translation>Mühendis neyi düzeltmeli?</translation>
    </message>
    <message>
        <source>{ref} is returned to the engineer.</source>
        <translation>{ref} mühendise geri gönderildi.</translation>
    </message>
    <message>
        <source>Reopen an approved timesheet</source>
        <translation>Onaylı puantajı yeniden aç</translation>
    </message>
    <message>
        <source>Why must it change? The reason goes into the audit trail.</source>
        <translation>Neden değişmeli? Gerekçe denetim kaydına girer.</translation>
    </message>
    <message>
        <source>{ref} is reopened ({status}) for correction.</source>
        <translation>{ref} düzeltme için yeniden açıldı ({status}).</translation>
    </message>
    <message>
        <source>Printing {ref}…</source>
        <translation>{ref} yazdırılıyor…</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Giriş yap</translation>
    </message>
    <message>
        <source>This computer&apos;s data is encrypted: sign in to open it.</source>
        <translation>Bu bilgisayardaki veriler şifrelidir: açmak için giriş yapın.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Kullanıcı adı</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Parola</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Kurtarma anahtarı</translation>
    </message>
    <message>
        <source>Use the recovery key…</source>
        <translation>Kurtarma anahtarını kullan…</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <source>Active</source>
        <translation>Etkin</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Devre dışı</translation>
    </message>
    <message>
        <source>Locked after failed sign-ins</source>
        <translation>Başarısız girişler nedeniyle kilitli</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>Parolasını değiştirmeli</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Kullanıcı adı</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Ad soyad</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Ofis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Engineer</source>
        <translation>Mühendis</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Süpervizör</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Yönetici</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(yok)</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Kullanıcılar</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Kullanıcı ekle…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Parolayı sıfırla…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Kilidi aç</translation>
    </message>
    <message>
        <source>End a lock-out after too many failed sign-ins</source>
        <translation>Çok sayıda başarısız girişten sonra konan kilidi kaldır</translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation>Devre dışı bırak…</translation>
    </message>
    <message>
        <source>The user can no longer sign in; their records stay</source>
        <translation>Kullanıcı artık giriş yapamaz; kayıtları kalır</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Yeniden etkinleştir</translation>
    </message>
    <message>
        <source>Change role or office…</source>
        <translation>Rolü veya ofisi değiştir…</translation>
    </message>
    <message>
        <source>{name} is added; tell them their temporary password in person.</source>
        <translation>{name} eklendi; geçici parolasını kendisine yüz yüze söyleyin.</translation>
    </message>
    <message>
        <source>{name} has a temporary password now.</source>
        <translation>{name} artık geçici bir parolaya sahip.</translation>
    </message>
    <message>
        <source>{name}&apos;s role and office are saved.</source>
        <translation>{name} kullanıcısının rolü ve ofisi kaydedildi.</translation>
    </message>
    <message>
        <source>{name} can sign in again.</source>
        <translation>{name} yeniden giriş yapabilir.</translation>
    </message>
    <message>
        <source>{name} can sign in again with the password they had.</source>
        <translation>{name} önceki parolasıyla yeniden giriş yapabilir.</translation>
    </message>
    <message>
        <source>Deactivate {name}?</source>
        <translation>{name} devre dışı bırakılsın mı?</translation>
    </message>
    <message>
        <source>{full_name} will no longer be able to sign in. Their cases, records and audit trail stay; you can reactivate the account later.</source>
        <translation>{full_name} artık giriş yapamayacak. Vakaları, kayıtları ve denetim kaydı kalır; hesabı daha sonra yeniden etkinleştirebilirsiniz.</translation>
    </message>
    <message>
        <source>{name} is deactivated.</source>
        <translation>{name} devre dışı bırakıldı.</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Yapılmadı</translation>
    </message>
</context>
<context>
    <name>ValuesStep</name>
    <message>
        <source>Choose what each value of the file becomes in the app. Values are suggested by name; check them, and choose one where none is suggested.</source>
        <translation>Dosyadaki her değerin uygulamada neye dönüşeceğini seçin. Değerler adlarına göre önerilir; önerileri kontrol edin, öneri olmayan yerde bir değer seçin.</translation>
    </message>
    <message>
        <source>The form&apos;s 1 is the worst state</source>
        <translation>Formdaki 1 en kötü durum</translation>
    </message>
    <message>
        <source>The form&apos;s 1 is the best state</source>
        <translation>Formdaki 1 en iyi durum</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Alan</translation>
    </message>
    <message>
        <source>Value in the file</source>
        <translation>Dosyadaki değer</translation>
    </message>
    <message>
        <source>Value in the app</source>
        <translation>Uygulamadaki değer</translation>
    </message>
    <message>
        <source>— no value: refused —</source>
        <translation>— değer yok: reddedilir —</translation>
    </message>
    <message>
        <source>— as written —</source>
        <translation>— yazıldığı gibi —</translation>
    </message>
    <message>
        <source>{fields}: the form&apos;s scale is written in numbers, which do not say whether 1 is the best or the worst state. Say which, as the form&apos;s labels do:</source>
        <translation>{fields}: formun ölçeği sayılarla yazılmış; sayılar 1&apos;in en iyi mi en kötü durum mu olduğunu söylemez. Formun etiketlerinde olduğu gibi hangisi olduğunu belirtin:</translation>
    </message>
    <message numerus="yes">
        <source>%n values have no value in the app: rows with them will be refused.</source>
        <translation>
            <numerusform>%n değerin uygulamada karşılığı yok: bu değerleri içeren satırlar reddedilecek.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Monitoring visit, agreement {number}</source>
        <translation>İzleme ziyareti, sözleşme {number}</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>Ziyaret tarihi</translation>
    </message>
    <message>
        <source>The household still lives in the dwelling</source>
        <translation>Hane hâlâ konutta yaşıyor</translation>
    </message>
    <message>
        <source>empty: not known</source>
        <translation>boş: bilinmiyor</translation>
    </message>
    <message>
        <source>Rent paid last month (TL)</source>
        <translation>Geçen ay ödenen kira (TL)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notlar</translation>
    </message>
</context>
<context>
    <name>VisitsModel</name>
    <message>
        <source>Yes</source>
        <translation>Evet</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>HAYIR</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vadesi</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>Ziyaret edildi</translation>
    </message>
    <message>
        <source>Rent paid</source>
        <translation>Ödenen kira</translation>
    </message>
    <message>
        <source>Household there</source>
        <translation>Hane orada</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notlar</translation>
    </message>
</context>
<context>
    <name>WeekGridModel</name>
    <message>
        <source>Full</source>
        <translation>Tam</translation>
    </message>
    <message>
        <source>Half</source>
        <translation>Yarım</translation>
    </message>
    <message>
        <source>Task: {task}</source>
        <translation>Görev: {task}</translation>
    </message>
    <message>
        <source>Logged by {name}</source>
        <translation>Kaydeden: {name}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Gerekçe: {reason}</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Gün</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Pzt</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Sal</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Çar</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Per</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Cum</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Cmt</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Paz</translation>
    </message>
</context>
<context>
    <name>WorkerDialog</name>
    <message>
        <source>Register a worker</source>
        <translation>İşçi kaydet</translation>
    </message>
    <message>
        <source>TCKN or YKN, 11 digits</source>
        <translation>TCKN ya da YKN, 11 hane</translation>
    </message>
    <message>
        <source>Under temporary protection only</source>
        <translation>Yalnızca geçici koruma altındakiler için</translation>
    </message>
    <message>
        <source>Comma separated, e.g. painting, plastering</source>
        <translation>Virgülle ayırın, ör. boya, sıva</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hane</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Hane üyesi</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Ad soyad</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Kimlik no.</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Doğum tarihi</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Ödeme</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>Work permit number</source>
        <translation>Çalışma izni no.</translation>
    </message>
    <message>
        <source>Work permit expiry</source>
        <translation>Çalışma izni bitişi</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Beceriler</translation>
    </message>
    <message>
        <source>(not in the register: type below)</source>
        <translation>(listede yok: aşağıya yazın)</translation>
    </message>
    <message>
        <source>{name}, {age}, {relation}</source>
        <translation>{name}, {age}, {relation}</translation>
    </message>
</context>
<context>
    <name>ZoomView</name>
    <message>
        <source>Zoom in</source>
        <translation>Yakınlaştır</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Uzaklaştır</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Sığdır</translation>
    </message>
    <message>
        <source>Fit the photo in the window</source>
        <translation>Fotoğrafı pencereye sığdır</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Gerçek boyut</translation>
    </message>
</context>
<context>
    <name>agreements</name>
    <message>
        <source>The signed scan of {number} is missing from {folder}; record the signature again from the paper copy.</source>
        <translation>{number} sözleşmesinin imzalı taraması {folder} içinde yok; imzayı kâğıt kopyadan yeniden kaydedin.</translation>
    </message>
    <message>
        <source>No agreement {number} exists; check the number (e.g. GAZ-2026-0042).</source>
        <translation>{number} sözleşmesi yok; numarayı kontrol edin (ör. GAZ-2026-0042).</translation>
    </message>
    <message>
        <source>its newest, {ref}, is not approved</source>
        <translation>en yenisi olan {ref} onaylanmamış</translation>
    </message>
    <message>
        <source>it has none</source>
        <translation>hiç keşfi yok</translation>
    </message>
    <message>
        <source>An agreement needs an approved bill of quantities for {dwelling}, and {found}. A supervisor must approve the BoQ first.</source>
        <translation>Sözleşme için {dwelling} konutunun onaylı bir keşif özeti gerekir; oysa {found}. Önce bir süpervizör keşfi onaylamalı.</translation>
    </message>
    <message>
        <source>Choose the landlord, or register them first.</source>
        <translation>Kiraya vereni seçin ya da önce kaydedin.</translation>
    </message>
    <message>
        <source>ID or tax number</source>
        <translation>Kimlik ya da vergi no.</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adres</translation>
    </message>
    <message>
        <source>Landlord {ref} has no {missing} on record; the contract prints it, so complete the landlord first.</source>
        <translation>{ref} kiraya verenin kayıtlı {missing} bilgisi yok; sözleşmede yer aldığı için önce kiraya veren kaydını tamamlayın.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> ve </translation>
    </message>
    <message>
        <source>{ref} has no household; link the tenant household first.</source>
        <translation>{ref} konutunun hanesi yok; önce kiracı haneyi bağlayın.</translation>
    </message>
    <message>
        <source>fixtures</source>
        <translation>demirbaşlar</translation>
    </message>
    <message>
        <source>utilities</source>
        <translation>abonelikler (su, elektrik, doğalgaz)</translation>
    </message>
    <message>
        <source>title deed block (ada)</source>
        <translation>tapu adası</translation>
    </message>
    <message>
        <source>title deed parcel (parsel)</source>
        <translation>tapu parseli</translation>
    </message>
    <message>
        <source>competent court</source>
        <translation>yetkili mahkeme</translation>
    </message>
    <message>
        <source>{dwelling} already has agreement {number} ({status}); open it, or renew it when its term ends.</source>
        <translation>{dwelling} konutunun zaten {number} sözleşmesi var ({status}); onu açın ya da süresi bitince yenileyin.</translation>
    </message>
    <message>
        <source>Only an active or ended agreement is renewed; {number} is {status}.</source>
        <translation>Yalnızca yürürlükteki ya da sona ermiş bir sözleşme yenilenir; {number} durumu {status}.</translation>
    </message>
    <message>
        <source>{number} is already renewed by {renewal}; open that one.</source>
        <translation>{number} zaten {renewal} ile yenilendi; onu açın.</translation>
    </message>
    <message>
        <source>A renewal starts after {number} ends on {end}; start it on {next} or later.</source>
        <translation>Yenileme, {number} sözleşmesinin {end} tarihindeki bitişinden sonra başlar; {next} ya da daha sonra başlatın.</translation>
    </message>
    <message>
        <source>{number} is {status}: its terms are those the parties signed and cannot change. Renew it for new terms.</source>
        <translation>{number} durumu {status}: koşulları tarafların imzaladığı koşullardır ve değiştirilemez. Yeni koşullar için yenileyin.</translation>
    </message>
    <message>
        <source>{name} is {size} MB; a scan may have at most {most} MB. Scan at a lower resolution.</source>
        <translation>{name} dosyası {size} MB; bir tarama en çok {most} MB olabilir. Daha düşük çözünürlükte tarayın.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {error}</source>
        <translation>{path} okunamıyor: {error}</translation>
    </message>
    <message>
        <source>{name} is not a complete PDF, JPEG or PNG file; scan or photograph the signed agreement to one of these.</source>
        <translation>{name} eksiksiz bir PDF, JPEG ya da PNG dosyası değil; imzalı sözleşmeyi bu biçimlerden birine tarayın ya da fotoğrafını çekin.</translation>
    </message>
    <message>
        <source>Choose the scan of the signed agreement.</source>
        <translation>İmzalı sözleşmenin taramasını seçin.</translation>
    </message>
    <message>
        <source>signing date</source>
        <translation>imza tarihi</translation>
    </message>
    <message>
        <source>Renewed by {number}.</source>
        <translation>{number} ile yenilendi.</translation>
    </message>
    <message>
        <source>Choose ended, terminated or breached.</source>
        <translation>Sona erdi, feshedildi ya da ihlal edildi seçeneklerinden birini seçin.</translation>
    </message>
    <message>
        <source>{number} runs until {end}; an agreement that stops early is terminated, with the reason.</source>
        <translation>{number} {end} tarihine kadar sürüyor; erken biten bir sözleşme gerekçesiyle feshedilir.</translation>
    </message>
    <message>
        <source>Say why the agreement is {status}; the reason is kept with it.</source>
        <translation>Sözleşmenin neden {status} olduğunu yazın; gerekçe sözleşmeyle birlikte saklanır.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>{path} yazılamıyor: {error}</translation>
    </message>
    <message>
        <source>The printing process stopped unexpectedly; print it again.</source>
        <translation>Yazdırma işlemi beklenmedik biçimde durdu; yeniden yazdırın.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The database is damaged</source>
        <translation>Veritabanı hasarlı</translation>
    </message>
    <message>
        <source>{message}

Restore the latest backup ({backup})? The damaged file is kept aside, not deleted.</source>
        <translation>{message}

En son yedek ({backup}) geri yüklensin mi? Hasarlı dosya silinmez, kenarda saklanır.</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>Geri yükleme başarısız</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Yedek geri yüklendi</translation>
    </message>
    <message>
        <source>The damaged file was kept as {path}.</source>
        <translation>Hasarlı dosya {path} olarak saklandı.</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>Şifrelenmedi</translation>
    </message>
    <message>
        <source>{reason}

The data stays as it was, not encrypted; encrypting is tried again at the next start.</source>
        <translation>{reason}

Veriler olduğu gibi, şifresiz kalıyor; şifreleme bir sonraki açılışta yeniden denenecek.</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Veritabanı açılamıyor</translation>
    </message>
</context>
<context>
    <name>assessment</name>
    <message>
        <source>Walls and insulation</source>
        <translation>Duvarlar ve yalıtım</translation>
    </message>
    <message>
        <source>Roof</source>
        <translation>Çatı</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>Pencereler</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>Kapılar</translation>
    </message>
    <message>
        <source>Damp and mould</source>
        <translation>Nem ve küf</translation>
    </message>
    <message>
        <source>Water and sanitation</source>
        <translation>Su ve sıhhi tesisat</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>Elektrik</translation>
    </message>
    <message>
        <source>Heating</source>
        <translation>Isınma</translation>
    </message>
    <message>
        <source>1 good</source>
        <translation>1 iyi</translation>
    </message>
    <message>
        <source>2 fair: minor repairs</source>
        <translation>2 orta: küçük onarımlar</translation>
    </message>
    <message>
        <source>3 poor: major repairs</source>
        <translation>3 kötü: büyük onarımlar</translation>
    </message>
    <message>
        <source>4 failed: unsafe or missing</source>
        <translation>4 kullanılamaz: güvensiz ya da yok</translation>
    </message>
    <message>
        <source>{component}: give a condition from 1 to 4 for the notes, or clear the notes.</source>
        <translation>{component}: notlar için 1 ile 4 arasında bir durum verin ya da notları silin.</translation>
    </message>
    <message>
        <source>{component}: the condition is 1, 2, 3 or 4, not {score}.</source>
        <translation>{component}: durum 1, 2, 3 ya da 4 olur, {score} olamaz.</translation>
    </message>
    <message numerus="yes">
        <source>{component}: shorten the notes to %n characters.</source>
        <translation>
            <numerusform>{component}: notları %n karaktere kısaltın.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rate the condition of at least one component from 1 to 4.</source>
        <translation>En az bir bileşenin durumunu 1 ile 4 arasında puanlayın.</translation>
    </message>
    <message>
        <source>Enter the number of people living in the dwelling, from 1 to {most}.</source>
        <translation>Konutta yaşayan kişi sayısını 1 ile {most} arasında girin.</translation>
    </message>
    <message>
        <source>The setting {key} must be a number of 0 or more (and the weights not all 0); ask an administrator to correct it.</source>
        <translation>{key} ayarı 0 ya da daha büyük bir sayı olmalı (ve ağırlıkların hepsi 0 olmamalı); düzeltmesi için yöneticiye başvurun.</translation>
    </message>
</context>
<context>
    <name>assessments</name>
    <message>
        <source>assessment date</source>
        <translation>değerlendirme tarihi</translation>
    </message>
    <message>
        <source>Decide whether the dwelling is eligible.</source>
        <translation>Konutun uygun olup olmadığına karar verin.</translation>
    </message>
    <message>
        <source>reason for the decision</source>
        <translation>kararın gerekçesi</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notlar</translation>
    </message>
    <message>
        <source>The works of {ref} are closed (stage {stage}); record monitoring visits instead of assessments.</source>
        <translation>{ref} konutunun işleri kapandı ({stage} aşaması); değerlendirme yerine izleme ziyaretleri kaydedin.</translation>
    </message>
    <message>
        <source>A final assessment closes the works, but the works of {ref} have not started (stage {stage}); record an ordinary assessment.</source>
        <translation>Son değerlendirme işleri kapatır, ancak {ref} konutunun işleri başlamadı ({stage} aşaması); olağan bir değerlendirme kaydedin.</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>created</source>
        <translation>oluşturuldu</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>değiştirildi</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>silindi</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>sözleşme</translation>
    </message>
    <message>
        <source>monitoring visit</source>
        <translation>izleme ziyareti</translation>
    </message>
    <message>
        <source>office</source>
        <translation>ofis</translation>
    </message>
    <message>
        <source>user</source>
        <translation>kullanıcı</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>ayar</translation>
    </message>
    <message>
        <source>payment batch</source>
        <translation>ödeme listesi</translation>
    </message>
    <message>
        <source>timesheet</source>
        <translation>puantaj</translation>
    </message>
    <message>
        <source>labour day</source>
        <translation>iş günü</translation>
    </message>
    <message>
        <source>dwelling</source>
        <translation>konut</translation>
    </message>
    <message>
        <source>assessment</source>
        <translation>değerlendirme</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>fotoğraf</translation>
    </message>
    <message>
        <source>price catalogue</source>
        <translation>fiyat kataloğu</translation>
    </message>
    <message>
        <source>catalogue item</source>
        <translation>katalog kalemi</translation>
    </message>
    <message>
        <source>bill of quantities</source>
        <translation>keşif özeti</translation>
    </message>
    <message>
        <source>BoQ line</source>
        <translation>keşif satırı</translation>
    </message>
    <message>
        <source>household</source>
        <translation>hane</translation>
    </message>
    <message>
        <source>landlord</source>
        <translation>kiraya veren</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>işçi</translation>
    </message>
    <message>
        <source>erasure</source>
        <translation>silme</translation>
    </message>
    <message>
        <source>household member</source>
        <translation>hane üyesi</translation>
    </message>
    <message>
        <source>reopen request</source>
        <translation>yeniden açma talebi</translation>
    </message>
    <message>
        <source>works check</source>
        <translation>iş kontrolü</translation>
    </message>
    <message>
        <source>sync conflict</source>
        <translation>eşitleme çakışması</translation>
    </message>
    <message>
        <source>name (Latin letters)</source>
        <translation>ad (Latin harfleriyle)</translation>
    </message>
    <message>
        <source>name (Arabic letters)</source>
        <translation>ad (Arap harfleriyle)</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>cinsiyet</translation>
    </message>
    <message>
        <source>date of birth estimated</source>
        <translation>doğum tarihi tahmini</translation>
    </message>
    <message>
        <source>relation to the head</source>
        <translation>hane reisine yakınlığı</translation>
    </message>
    <message>
        <source>head of household</source>
        <translation>hane reisi</translation>
    </message>
    <message>
        <source>ID number of the head</source>
        <translation>hane reisinin kimlik no.</translation>
    </message>
    <message>
        <source>nationality</source>
        <translation>uyruk</translation>
    </message>
    <message>
        <source>protection status</source>
        <translation>koruma statüsü</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefon</translation>
    </message>
    <message>
        <source>members</source>
        <translation>hane üyeleri</translation>
    </message>
    <message>
        <source>vulnerabilities</source>
        <translation>kırılganlıklar</translation>
    </message>
    <message>
        <source>consent (KVKK)</source>
        <translation>açık rıza (KVKK)</translation>
    </message>
    <message>
        <source>name for searching</source>
        <translation>arama için ad</translation>
    </message>
    <message>
        <source>name</source>
        <translation>ad</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>ad soyad</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>tür</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>kimlik no.</translation>
    </message>
    <message>
        <source>tax number</source>
        <translation>vergi no.</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adres</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>doğum tarihi</translation>
    </message>
    <message>
        <source>work permit number</source>
        <translation>çalışma izni numarası</translation>
    </message>
    <message>
        <source>work permit expiry</source>
        <translation>çalışma izninin bitişi</translation>
    </message>
    <message>
        <source>payment method</source>
        <translation>ödeme yöntemi</translation>
    </message>
    <message>
        <source>skills</source>
        <translation>beceriler</translation>
    </message>
    <message>
        <source>other details</source>
        <translation>diğer bilgiler</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>numara</translation>
    </message>
    <message>
        <source>province</source>
        <translation>il</translation>
    </message>
    <message>
        <source>district</source>
        <translation>ilçe</translation>
    </message>
    <message>
        <source>neighbourhood</source>
        <translation>mahalle</translation>
    </message>
    <message>
        <source>street</source>
        <translation>cadde/sokak</translation>
    </message>
    <message>
        <source>building no.</source>
        <translation>bina no.</translation>
    </message>
    <message>
        <source>flat no.</source>
        <translation>daire no.</translation>
    </message>
    <message>
        <source>GPS latitude</source>
        <translation>GPS enlem</translation>
    </message>
    <message>
        <source>GPS longitude</source>
        <translation>GPS boylam</translation>
    </message>
    <message>
        <source>dwelling type</source>
        <translation>konut tipi</translation>
    </message>
    <message>
        <source>floor area (m²)</source>
        <translation>taban alanı (m²)</translation>
    </message>
    <message>
        <source>rooms</source>
        <translation>oda sayısı</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>aşama</translation>
    </message>
    <message>
        <source>assessment date</source>
        <translation>değerlendirme tarihi</translation>
    </message>
    <message>
        <source>assessor</source>
        <translation>değerlendiren</translation>
    </message>
    <message>
        <source>conditions</source>
        <translation>bileşenlerin durumu</translation>
    </message>
    <message>
        <source>rooms and openings</source>
        <translation>odalar ve açıklıklar</translation>
    </message>
    <message>
        <source>people living there</source>
        <translation>hanede yaşayan kişi sayısı</translation>
    </message>
    <message>
        <source>priority score</source>
        <translation>öncelik puanı</translation>
    </message>
    <message>
        <source>eligible</source>
        <translation>uygun</translation>
    </message>
    <message>
        <source>reason for the decision</source>
        <translation>kararın gerekçesi</translation>
    </message>
    <message>
        <source>final assessment</source>
        <translation>son değerlendirme</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notlar</translation>
    </message>
    <message>
        <source>taken at</source>
        <translation>çekim zamanı</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>etiket</translation>
    </message>
    <message>
        <source>caption</source>
        <translation>açıklama</translation>
    </message>
    <message>
        <source>component</source>
        <translation>bileşen</translation>
    </message>
    <message>
        <source>file name</source>
        <translation>dosya adı</translation>
    </message>
    <message>
        <source>file fingerprint (SHA-256)</source>
        <translation>dosya parmak izi (SHA-256)</translation>
    </message>
    <message>
        <source>file size (bytes)</source>
        <translation>dosya boyutu (bayt)</translation>
    </message>
    <message>
        <source>width (px)</source>
        <translation>genişlik (piksel)</translation>
    </message>
    <message>
        <source>height (px)</source>
        <translation>yükseklik (piksel)</translation>
    </message>
    <message>
        <source>agreement number</source>
        <translation>sözleşme no.</translation>
    </message>
    <message>
        <source>status</source>
        <translation>durum</translation>
    </message>
    <message>
        <source>term (months)</source>
        <translation>süre (ay)</translation>
    </message>
    <message>
        <source>start date</source>
        <translation>başlangıç tarihi</translation>
    </message>
    <message>
        <source>end date</source>
        <translation>bitiş tarihi</translation>
    </message>
    <message>
        <source>monthly rent</source>
        <translation>aylık kira</translation>
    </message>
    <message>
        <source>rent-free months</source>
        <translation>kirasız aylar</translation>
    </message>
    <message>
        <source>deposit</source>
        <translation>güvence bedeli</translation>
    </message>
    <message>
        <source>payment day</source>
        <translation>ödeme günü</translation>
    </message>
    <message>
        <source>IBAN for the rent</source>
        <translation>kira ödemesi için IBAN</translation>
    </message>
    <message>
        <source>fixtures</source>
        <translation>demirbaşlar</translation>
    </message>
    <message>
        <source>utilities</source>
        <translation>abonelikler (su, elektrik, doğalgaz)</translation>
    </message>
    <message>
        <source>title deed block</source>
        <translation>tapu ada no.</translation>
    </message>
    <message>
        <source>title deed parcel</source>
        <translation>tapu parsel no.</translation>
    </message>
    <message>
        <source>court</source>
        <translation>yetkili mahkeme</translation>
    </message>
    <message>
        <source>languages</source>
        <translation>diller</translation>
    </message>
    <message>
        <source>signed on</source>
        <translation>imza tarihi</translation>
    </message>
    <message>
        <source>reason for ending</source>
        <translation>sona erme nedeni</translation>
    </message>
    <message>
        <source>renewal of</source>
        <translation>yenilenen sözleşme</translation>
    </message>
    <message>
        <source>due on</source>
        <translation>planlanan tarih</translation>
    </message>
    <message>
        <source>visited on</source>
        <translation>ziyaret tarihi</translation>
    </message>
    <message>
        <source>rent paid</source>
        <translation>ödenen kira</translation>
    </message>
    <message>
        <source>household present</source>
        <translation>hane evdeydi</translation>
    </message>
    <message>
        <source>revision of</source>
        <translation>şunun revizyonu</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>sonuç</translation>
    </message>
    <message>
        <source>note</source>
        <translation>not</translation>
    </message>
    <message>
        <source>signed scan fingerprint (SHA-256)</source>
        <translation>imzalı taramanın parmak izi (SHA-256)</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>geçerlilik başlangıcı</translation>
    </message>
    <message>
        <source>published</source>
        <translation>yayımlandı</translation>
    </message>
    <message>
        <source>code</source>
        <translation>kod</translation>
    </message>
    <message>
        <source>category</source>
        <translation>kategori</translation>
    </message>
    <message>
        <source>description</source>
        <translation>tanım</translation>
    </message>
    <message>
        <source>description (Turkish)</source>
        <translation>tanım (Türkçe)</translation>
    </message>
    <message>
        <source>description (English)</source>
        <translation>tanım (İngilizce)</translation>
    </message>
    <message>
        <source>description (Arabic)</source>
        <translation>tanım (Arapça)</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>birim</translation>
    </message>
    <message>
        <source>unit price</source>
        <translation>birim fiyat</translation>
    </message>
    <message>
        <source>VAT rate</source>
        <translation>KDV oranı</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>kaldırıldı</translation>
    </message>
    <message>
        <source>revision</source>
        <translation>revizyon</translation>
    </message>
    <message>
        <source>contingency %</source>
        <translation>öngörülemeyen gider %</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>miktar</translation>
    </message>
    <message>
        <source>line number</source>
        <translation>sıra no.</translation>
    </message>
    <message>
        <source>submitted at</source>
        <translation>gönderilme zamanı</translation>
    </message>
    <message>
        <source>submitted by</source>
        <translation>gönderen</translation>
    </message>
    <message>
        <source>decided at</source>
        <translation>karar zamanı</translation>
    </message>
    <message>
        <source>decided by</source>
        <translation>karar veren</translation>
    </message>
    <message>
        <source>reason for return</source>
        <translation>iade gerekçesi</translation>
    </message>
    <message>
        <source>requested by</source>
        <translation>talep eden</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>gerekçe</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>yanıt</translation>
    </message>
    <message>
        <source>work date</source>
        <translation>çalışma günü</translation>
    </message>
    <message>
        <source>portion of a day</source>
        <translation>gün oranı</translation>
    </message>
    <message>
        <source>task</source>
        <translation>görev</translation>
    </message>
    <message>
        <source>reason for the exception</source>
        <translation>istisna gerekçesi</translation>
    </message>
    <message>
        <source>period</source>
        <translation>dönem</translation>
    </message>
    <message>
        <source>period start</source>
        <translation>dönem başı</translation>
    </message>
    <message>
        <source>period end</source>
        <translation>dönem sonu</translation>
    </message>
    <message>
        <source>total</source>
        <translation>toplam</translation>
    </message>
    <message>
        <source>paid at</source>
        <translation>ödeme zamanı</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>bütçe</translation>
    </message>
    <message>
        <source>closed on</source>
        <translation>kapanış tarihi</translation>
    </message>
    <message>
        <source>records</source>
        <translation>kayıtlar</translation>
    </message>
    <message>
        <source>files</source>
        <translation>dosyalar</translation>
    </message>
    <message>
        <source>reason (code)</source>
        <translation>gerekçe (kod)</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>kullanıcı adı</translation>
    </message>
    <message>
        <source>role</source>
        <translation>rol</translation>
    </message>
    <message>
        <source>password</source>
        <translation>parola</translation>
    </message>
    <message>
        <source>must change password</source>
        <translation>parolayı değiştirmeli</translation>
    </message>
    <message>
        <source>failed sign-ins</source>
        <translation>başarısız girişler</translation>
    </message>
    <message>
        <source>locked until</source>
        <translation>kilit bitişi</translation>
    </message>
    <message>
        <source>interface language</source>
        <translation>arayüz dili</translation>
    </message>
    <message>
        <source>active</source>
        <translation>etkin</translation>
    </message>
    <message>
        <source>value</source>
        <translation>değer</translation>
    </message>
    <message>
        <source>deleted at</source>
        <translation>silinme zamanı</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>evet</translation>
    </message>
    <message>
        <source>no</source>
        <translation>hayır</translation>
    </message>
    <message>
        <source>system</source>
        <translation>sistem</translation>
    </message>
</context>
<context>
    <name>auth</name>
    <message>
        <source>Your role ({role}) may not {action}.</source>
        <translation>Rolünüz ({role}) şu işlem için yetkili değil: {action}.</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Bir kullanıcı adı girin.</translation>
    </message>
    <message numerus="yes">
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>Parola en az %n karakter olmalıdır.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>İki parola farklı; aynı parolayı iki kez yazın.</translation>
    </message>
    <message numerus="yes">
        <source>A user name has {low} to %n characters: Latin letters a-z without accents, digits, dots (.), hyphens (-) and underscores (_), starting with a letter or a digit; no spaces, no Turkish or Arabic letters. For example: ayse.kaya</source>
        <translation>
            <numerusform>Kullanıcı adı {low} ile %n karakter arasındadır: aksansız a-z Latin harfleri, rakamlar, nokta (.), kısa çizgi (-) ve alt çizgi (_) içerir, bir harf veya rakamla başlar; boşluk, Türkçe veya Arapça harf içermez. Örneğin: ayse.kaya</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not contain the user name ({name}); choose another.</source>
        <translation>Parola kullanıcı adını ({name}) içermemeli; başka bir parola seçin.</translation>
    </message>
    <message>
        <source>This password is one of the most common passwords, which are guessed first; choose another, for example a few unrelated words.</source>
        <translation>Bu parola, ilk tahmin edilen en yaygın parolalardan biri; başka bir parola seçin, örneğin birbiriyle ilgisiz birkaç kelime.</translation>
    </message>
    <message>
        <source>Enter the full name.</source>
        <translation>Ad soyadı girin.</translation>
    </message>
    <message>
        <source>An administrator already exists; sign in.</source>
        <translation>Zaten bir yönetici var; giriş yapın.</translation>
    </message>
    <message>
        <source>The user name {name} is taken; choose another.</source>
        <translation>{name} kullanıcı adı alınmış; başka bir ad seçin.</translation>
    </message>
    <message>
        <source>No office {code}; choose an existing office.</source>
        <translation>{code} ofisi yok; var olan bir ofis seçin.</translation>
    </message>
    <message>
        <source>The office {code} is closed; choose an open office.</source>
        <translation>{code} ofisi kapalı; açık bir ofis seçin.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts: this account is locked for %n more minutes.</source>
        <translation>
            <numerusform>Çok fazla başarısız deneme: bu hesap %n dakika daha kilitli.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new password is the same as the old one; choose a new password.</source>
        <translation>Yeni parola eskisiyle aynı; yeni bir parola seçin.</translation>
    </message>
    <message>
        <source>Engineers and supervisors need an office.</source>
        <translation>Mühendislerin ve süpervizörlerin bir ofisi olmalıdır.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Kullanıcı adı ya da parola yanlış.</translation>
    </message>
    <message>
        <source>This account cannot change its password.</source>
        <translation>Bu hesap parolasını değiştiremez.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Geçerli parola yanlış.</translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>The archive {path} is damaged: {member} fails its check ({reason}).</source>
        <translation>{path} arşivi hasarlı: {member} denetimden geçmiyor ({reason}).</translation>
    </message>
    <message>
        <source>There is no backup file {path}.</source>
        <translation>{path} yedek dosyası yok.</translation>
    </message>
    <message>
        <source>{path} holds no database ({name} is missing).</source>
        <translation>{path} veritabanı içermiyor ({name} eksik).</translation>
    </message>
    <message>
        <source>The database in {path} does not match its manifest (the checksum differs); the backup is damaged.</source>
        <translation>{path} içindeki veritabanı bildirim dosyasıyla uyuşmuyor (sağlama toplamı farklı); yedek hasarlı.</translation>
    </message>
    <message>
        <source>The database in {path} is damaged ({problem}).</source>
        <translation>{path} içindeki veritabanı hasarlı ({problem}).</translation>
    </message>
    <message>
        <source>{path} has no {manifest}; it is not a Barınak backup.</source>
        <translation>{path} içinde {manifest} yok; bu bir Barınak yedeği değil.</translation>
    </message>
    <message>
        <source>{path} has no manifest beside it; it is not a complete Barınak backup.</source>
        <translation>{path} yanında bildirim dosyası (manifest) yok; bu eksiksiz bir Barınak yedeği değil.</translation>
    </message>
    <message>
        <source>{path} is not a readable ZIP archive; the file is damaged or is not a Barınak backup.</source>
        <translation>{path} okunabilir bir ZIP arşivi değil; dosya hasarlı ya da bir Barınak yedeği değil.</translation>
    </message>
    <message>
        <source>The database in {path} is not a Barınak database.</source>
        <translation>{path} içindeki veritabanı bir Barınak veritabanı değil.</translation>
    </message>
    <message>
        <source>{path} was made by a newer version of Barınak (schema {revision}); install that version to restore it.</source>
        <translation>{path}, Barınak&apos;ın daha yeni bir sürümüyle oluşturuldu (şema {revision}); geri yüklemek için o sürümü kurun.</translation>
    </message>
    <message>
        <source>Photo {sha} listed in the manifest is missing from {path}.</source>
        <translation>Bildirim dosyasında listelenen {sha} fotoğrafı {path} içinde yok.</translation>
    </message>
    <message>
        <source>Photo {sha} in {path} is damaged (its content does not match its name).</source>
        <translation>{path} içindeki {sha} fotoğrafı hasarlı (içeriği adıyla uyuşmuyor).</translation>
    </message>
    <message>
        <source>The database in {path} is encrypted with another laptop&apos;s key; restore it on that laptop, or give that laptop&apos;s recovery key (an archive carries what it needs).</source>
        <translation>{path} içindeki veritabanı başka bir dizüstü bilgisayarın anahtarıyla şifrelenmiş; o bilgisayarda geri yükleyin ya da o bilgisayarın kurtarma anahtarını girin (arşiv gereken her şeyi taşır).</translation>
    </message>
    <message>
        <source>Restoring into {path} failed: {reason}.</source>
        <translation>{path} konumuna geri yükleme başarısız: {reason}.</translation>
    </message>
    <message>
        <source>There is no database at {path}.</source>
        <translation>{path} konumunda veritabanı yok.</translation>
    </message>
    <message>
        <source>The database {path} is not damaged; nothing was changed.</source>
        <translation>{path} veritabanı hasarlı değil; hiçbir şey değiştirilmedi.</translation>
    </message>
    <message>
        <source>The database {path} is damaged and no sound automatic backup was found in {folder}; the file was left untouched. Restore an archive.</source>
        <translation>{path} veritabanı hasarlı ve {folder} içinde sağlam bir otomatik yedek bulunamadı; dosyaya dokunulmadı. Bir arşivi geri yükleyin.</translation>
    </message>
    <message>
        <source>{path} was made by a newer version of Barınak (backup format {format}); install that version to restore it.</source>
        <translation>{path}, Barınak&apos;ın daha yeni bir sürümüyle oluşturuldu (yedek biçimi {format}); geri yüklemek için o sürümü kurun.</translation>
    </message>
    <message>
        <source>The manifest of {path} cannot be read ({reason}); the backup is damaged.</source>
        <translation>{path} bildirim dosyası okunamıyor ({reason}); yedek hasarlı.</translation>
    </message>
    <message>
        <source>The backup was cancelled; nothing was kept.</source>
        <translation>Yedekleme iptal edildi; hiçbir şey saklanmadı.</translation>
    </message>
    <message>
        <source>Backups cover SQLite database files; back up the server database {name} with the server&apos;s own tools.</source>
        <translation>Yedekler SQLite veritabanı dosyalarını kapsar; {name} sunucu veritabanını sunucunun kendi araçlarıyla yedekleyin.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}.</source>
        <translation>{path} yazılamıyor: {reason}.</translation>
    </message>
    <message>
        <source>Another backup into {folder} is running; try again when it has finished.</source>
        <translation>{folder} klasörüne başka bir yedekleme sürüyor; bittiğinde yeniden deneyin.</translation>
    </message>
    <message>
        <source>The copy of the database changed on disk while it was archived (its checksum differs); the disk may be failing. No archive was written; check the disk and export again.</source>
        <translation>Veritabanının kopyası arşivlenirken diskte değişti (sağlama toplamı farklı); disk arızalanıyor olabilir. Arşiv yazılmadı; diski denetleyip yeniden dışa aktarın.</translation>
    </message>
</context>
<context>
    <name>boq</name>
    <message>
        <source>Insulation</source>
        <translation>Yalıtım</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>Kapılar</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>Pencereler</translation>
    </message>
    <message>
        <source>Plaster and painting</source>
        <translation>Sıva ve boya</translation>
    </message>
    <message>
        <source>Roof</source>
        <translation>Çatı</translation>
    </message>
    <message>
        <source>Other works</source>
        <translation>Diğer işler</translation>
    </message>
    <message>
        <source>Enter the quantity as a number, e.g. 12,5.</source>
        <translation>Miktarı sayı olarak girin, ör. 12,5.</translation>
    </message>
    <message>
        <source>The quantity must be more than zero; remove the line instead of entering {value}.</source>
        <translation>Miktar sıfırdan büyük olmalı; {value} girmek yerine satırı silin.</translation>
    </message>
    <message numerus="yes">
        <source>The quantity {value} is out of range; enter at most %n decimals and less than a billion.</source>
        <translation>
            <numerusform>{value} miktarı aralık dışında; en çok %n ondalık basamakla ve bir milyardan küçük girin.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter a percentage from 0 to 100, e.g. 10 or 7,5.</source>
        <translation>0 ile 100 arasında bir yüzde girin, ör. 10 ya da 7,5.</translation>
    </message>
    <message>
        <source>{code}: {quantity} {unit} is more than one dwelling usually needs (over {limit}); check for a typing error.</source>
        <translation>{code}: {quantity} {unit}, bir konutun genellikle ihtiyaç duyduğundan fazla ({limit} üzeri); yazım hatası olup olmadığını kontrol edin.</translation>
    </message>
    <message>
        <source>The total incl. VAT ({amount}) is over the budget ceiling per dwelling ({ceiling}).</source>
        <translation>KDV dahil toplam ({amount}) konut başına bütçe tavanını ({ceiling}) aşıyor.</translation>
    </message>
    <message>
        <source>{ref} ({amount}) is over the budget ceiling per dwelling ({ceiling}); write why it is approved anyway. The reason is kept in the audit trail.</source>
        <translation>{ref} ({amount}) konut başına bütçe tavanını ({ceiling}) aşıyor; yine de neden onaylandığını yazın. Gerekçe denetim kaydında saklanır.</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Taslak</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Gönderildi</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Onaylandı</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Geri gönderildi</translation>
    </message>
    <message>
        <source>{code} has been withdrawn from the catalogue since it was priced; check it is still the right item.</source>
        <translation>{code} fiyatlandırıldıktan sonra katalogdan kaldırıldı; hâlâ doğru kalem olup olmadığını kontrol edin.</translation>
    </message>
    <message>
        <source>{ref} belongs to another office; ask that office.</source>
        <translation>{ref} başka bir ofise ait; o ofise başvurun.</translation>
    </message>
    <message>
        <source>That bill of quantities does not exist any more.</source>
        <translation>Bu keşif özeti artık yok.</translation>
    </message>
    <message>
        <source>{ref} is approved and locked; ask a supervisor to open a revision to change it.</source>
        <translation>{ref} onaylandı ve kilitli; değiştirmek için bir süpervizörden revizyon açmasını isteyin.</translation>
    </message>
    <message>
        <source>{ref} is submitted and waiting for approval; it can be changed again if the supervisor returns it.</source>
        <translation>{ref} gönderildi ve onay bekliyor; süpervizör geri gönderirse yeniden değiştirilebilir.</translation>
    </message>
    <message>
        <source>No bill of quantities {ref} exists; give a BoQ reference (GAZ-D-000123-B1) or a dwelling&apos;s.</source>
        <translation>{ref} keşif özeti yok; bir keşif numarası (GAZ-D-000123-B1) ya da konut numarası verin.</translation>
    </message>
    <message>
        <source>No dwelling {ref} exists; check the reference.</source>
        <translation>{ref} konutu yok; numarayı kontrol edin.</translation>
    </message>
    <message>
        <source>{ref} is not assessed yet; record its assessment before pricing the works.</source>
        <translation>{ref} henüz değerlendirilmedi; işleri fiyatlandırmadan önce değerlendirmesini kaydedin.</translation>
    </message>
    <message>
        <source>{ref} already has the bill of quantities {boq}; open it from the list.</source>
        <translation>{ref} için zaten {boq} keşif özeti var; listeden açın.</translation>
    </message>
    <message>
        <source>That catalogue item does not exist any more.</source>
        <translation>Bu katalog kalemi artık yok.</translation>
    </message>
    <message>
        <source>{code} has been withdrawn from the catalogue; choose another item.</source>
        <translation>{code} katalogdan kaldırıldı; başka bir kalem seçin.</translation>
    </message>
    <message>
        <source>That line does not exist any more; reopen the BoQ.</source>
        <translation>Bu satır artık yok; keşfi yeniden açın.</translation>
    </message>
    <message>
        <source>{ref} has no lines; add the works before submitting.</source>
        <translation>{ref} hiç satır içermiyor; göndermeden önce işleri ekleyin.</translation>
    </message>
    <message>
        <source>{ref} is {status}, not submitted; only a submitted BoQ can be approved or returned.</source>
        <translation>{ref} durumu {status}, gönderilmiş değil; yalnızca gönderilmiş bir keşif onaylanabilir ya da geri gönderilebilir.</translation>
    </message>
    <message>
        <source>You submitted {ref} yourself; another supervisor approves it.</source>
        <translation>{ref} keşfini kendiniz gönderdiniz; onu başka bir süpervizör onaylar.</translation>
    </message>
    <message>
        <source>Say why the BoQ is returned, so the engineer knows what to change.</source>
        <translation>Mühendis neyi değiştireceğini bilsin diye keşfin neden geri gönderildiğini yazın.</translation>
    </message>
    <message>
        <source>Say why the approved BoQ is reopened; the reason goes into the audit trail.</source>
        <translation>Onaylı keşfin neden yeniden açıldığını yazın; gerekçe denetim kaydına girer.</translation>
    </message>
    <message>
        <source>Only an approved BoQ is revised; {ref} is {status} and can be edited as it is.</source>
        <translation>Yalnızca onaylı bir keşif revize edilir; {ref} durumu {status} ve olduğu gibi düzenlenebilir.</translation>
    </message>
    <message>
        <source>{ref} already has a newer revision; open that one.</source>
        <translation>{ref} için daha yeni bir revizyon var; onu açın.</translation>
    </message>
    <message>
        <source>Exterior walls (insulation, facade paint)</source>
        <translation>Dış duvarlar (yalıtım, cephe boyası)</translation>
    </message>
    <message>
        <source>Interior walls (plaster, paint)</source>
        <translation>İç duvarlar (sıva, boya)</translation>
    </message>
    <message>
        <source>Windows, frame area</source>
        <translation>Pencereler, doğrama alanı</translation>
    </message>
    <message>
        <source>Floor (ceiling, roof)</source>
        <translation>Taban (tavan, çatı)</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>{path} yazılamıyor: {error}</translation>
    </message>
</context>
<context>
    <name>case_flow</name>
    <message>
        <source>A case at stage {current} cannot move to {target}; the next stage can only be: {allowed}.</source>
        <translation>{current} aşamasındaki bir vaka {target} aşamasına geçemez; sonraki aşama yalnızca şu olabilir: {allowed}.</translation>
    </message>
    <message>
        <source>none (the case is at its end)</source>
        <translation>yok (vaka sona erdi)</translation>
    </message>
    <message>
        <source>Link the household that lives in the dwelling first.</source>
        <translation>Önce konutta yaşayan haneyi bağlayın.</translation>
    </message>
    <message>
        <source>Record the dwelling&apos;s landlord first.</source>
        <translation>Önce konutun kiraya vereni kaydedin.</translation>
    </message>
    <message>
        <source>The latest assessment must find the dwelling eligible; record an assessment with the decision &apos;eligible&apos; first.</source>
        <translation>En son değerlendirme konutu uygun bulmalı; önce &apos;uygun&apos; kararlı bir değerlendirme kaydedin.</translation>
    </message>
    <message>
        <source>Draft a bill of quantities for the dwelling first.</source>
        <translation>Önce konut için bir keşif özeti hazırlayın.</translation>
    </message>
    <message>
        <source>No agreement or approval step before an approved bill of quantities: a supervisor must approve the BoQ first.</source>
        <translation>Onaylı bir keşif özeti olmadan sözleşme ya da onay adımı olmaz: önce bir süpervizör keşfi onaylamalı.</translation>
    </message>
    <message>
        <source>The landlord agreement must be signed first.</source>
        <translation>Önce kiraya veren sözleşmesi imzalanmalı.</translation>
    </message>
    <message>
        <source>Record the final assessment that closes the works first.</source>
        <translation>Önce işleri kapatan son değerlendirmeyi kaydedin.</translation>
    </message>
    <message>
        <source>The final assessment must check every line of the approved BoQ (done, partly done or not done) first.</source>
        <translation>Önce son değerlendirme onaylı keşfin her kalemini kontrol etmeli (yapıldı, kısmen yapıldı ya da yapılmadı).</translation>
    </message>
    <message>
        <source>Import the photos of the finished works, tagged &apos;after&apos;, first.</source>
        <translation>Önce biten işlerin fotoğraflarını &apos;sonra&apos; etiketiyle içe aktarın.</translation>
    </message>
    <message>
        <source>Record the first monitoring visit first: a case is monitored once a visit has been made.</source>
        <translation>Önce ilk izleme ziyaretini kaydedin: bir vaka, bir ziyaret yapıldıktan sonra izlenir.</translation>
    </message>
    <message>
        <source>{ref} cannot move to {stage}: {reasons}</source>
        <translation>{ref} {stage} aşamasına geçemez: {reasons}</translation>
    </message>
</context>
<context>
    <name>cases</name>
    <message>
        <source>Your account belongs to no office, so it cannot register cases; ask the administrator.</source>
        <translation>Hesabınız hiçbir ofise bağlı değil, bu yüzden vaka kaydedemez; yöneticiye başvurun.</translation>
    </message>
    <message>
        <source>The office {code} ({name}) is closed and takes no new cases; register the case in an open office, or ask the administrator to reopen it.</source>
        <translation>{code} ({name}) ofisi kapalı ve yeni vaka almıyor; vakayı açık bir ofiste kaydedin veya yöneticiden ofisi yeniden açmasını isteyin.</translation>
    </message>
    <message>
        <source>{ref} belongs to another office; ask that office or an administrator.</source>
        <translation>{ref} başka bir ofise ait; o ofise ya da bir yöneticiye başvurun.</translation>
    </message>
    <message>
        <source>No dwelling {ref} exists; check the reference.</source>
        <translation>{ref} konutu yok; numarayı kontrol edin.</translation>
    </message>
    <message>
        <source>No household {ref} exists; check the reference.</source>
        <translation>{ref} hanesi yok; numarayı kontrol edin.</translation>
    </message>
</context>
<context>
    <name>cash_for_work</name>
    <message>
        <source>A day is full (1), half (0.5) or absent (0), not {value}.</source>
        <translation>Bir gün tam (1), yarım (0,5) ya da yok (0) olur, {value} olamaz.</translation>
    </message>
    <message>
        <source>Write the period as YYYY-MM, e.g. 2026-11; &apos;{raw}&apos; is not one.</source>
        <translation>Dönemi YYYY-AA biçiminde yazın, ör. 2026-11; &apos;{raw}&apos; bu biçimde değil.</translation>
    </message>
    <message>
        <source>{day} is in the future; log a day once it has been worked.</source>
        <translation>{day} ileri bir tarih; günü çalışıldıktan sonra girin.</translation>
    </message>
    <message>
        <source>{worker} is {age} on {day}; cash-for-work needs workers aged {min_age} or over.</source>
        <translation>{worker}, {day} tarihinde {age} yaşında; çalışma karşılığı nakit için işçilerin en az {min_age} yaşında olması gerekir.</translation>
    </message>
    <message>
        <source>{worker} already works at {others} on {day}; a worker works on one site a day.</source>
        <translation>{worker}, {day} tarihinde zaten {others} konutunda çalışıyor; bir işçi günde tek bir konutta çalışır.</translation>
    </message>
    <message>
        <source>{worker} would have more than one full day on {day} (days: {days}); one date holds at most one full day (two halves or one full).</source>
        <translation>{worker}, {day} tarihinde bir tam günden fazla çalışmış olur (gün: {days}); bir tarihe en çok bir tam gün girilir (iki yarım ya da bir tam).</translation>
    </message>
    <message>
        <source>{worker} would go over the monthly limit in {month}: days {days}, limit {cap}.</source>
        <translation>{worker}, {month} ayında aylık sınırı aşar: gün {days}, sınır {cap}.</translation>
    </message>
    <message>
        <source>{worker} would go over the programme year&apos;s limit: days {days}, limit {cap}.</source>
        <translation>{worker}, program yılının sınırını aşar: gün {days}, sınır {cap}.</translation>
    </message>
    <message>
        <source>{worker} is under temporary protection and has no work permit recorded; record it, or give a reason to log the day.</source>
        <translation>{worker} geçici koruma altında ve kayıtlı çalışma izni yok; izni kaydedin ya da günü girmek için bir gerekçe yazın.</translation>
    </message>
    <message>
        <source>The work permit of {worker} expired on {expiry}, before {day}; record the renewed permit, or give a reason to log the day.</source>
        <translation>{worker} adlı işçinin çalışma izni {day} tarihinden önce, {expiry} tarihinde sona erdi; yenilenen izni kaydedin ya da günü girmek için bir gerekçe yazın.</translation>
    </message>
    <message>
        <source>The same household already has a worker this month ({others}); one worker per household at a time. Give a reason (e.g. a replacement) to log the day.</source>
        <translation>Aynı haneden bu ay zaten bir işçi çalışıyor ({others}); bir hanede aynı anda tek işçi çalışır. Günü girmek için bir gerekçe yazın (ör. yerine geçme).</translation>
    </message>
    <message>
        <source>{site} is not the dwelling of {worker}&apos;s household; give a reason to log the day there.</source>
        <translation>{site}, {worker} adlı işçinin hanesinin konutu değil; günü orada girmek için bir gerekçe yazın.</translation>
    </message>
    <message>
        <source>{site} has no signed landlord agreement; labour days are logged from the day it is signed.</source>
        <translation>{site} için imzalı kiraya veren sözleşmesi yok; işçilik günleri sözleşmenin imzalandığı günden itibaren girilir.</translation>
    </message>
    <message>
        <source>{day} is before the agreement of {site} was signed on {signed}; no labour before the works start.</source>
        <translation>{day}, {site} sözleşmesinin imzalandığı {signed} tarihinden önce; işler başlamadan işçilik girilmez.</translation>
    </message>
    <message>
        <source>{day} is after the works of {site} were completed on {done}; no labour after completion.</source>
        <translation>{day}, {site} işlerinin tamamlandığı {done} tarihinden sonra; tamamlandıktan sonra işçilik girilmez.</translation>
    </message>
    <message>
        <source>{worker}&apos;s day of {day} was logged on {day_site}, so it cannot be in timesheet {ref} of {site}: a timesheet holds only its own site&apos;s days. Clear the day on {day_site} and log it again there; it then joins that site&apos;s own timesheet.</source>
        <translation>{worker} adlı işçinin {day} günü {day_site} şantiyesinde kaydedildi; bu yüzden {site} şantiyesinin {ref} puantajında olamaz: bir puantaj yalnızca kendi şantiyesinin günlerini içerir. Günü {day_site} şantiyesinde silip orada yeniden kaydedin; gün böylece o şantiyenin kendi puantajına girer.</translation>
    </message>
    <message>
        <source>{worker}&apos;s day of {day} is outside timesheet {ref} ({first} – {last}): a timesheet holds only the days of its period. Clear the day on {site} and log it again; it then joins the timesheet of its own week.</source>
        <translation>{worker} adlı işçinin {day} günü {ref} puantajının dönemi ({first} – {last}) dışında: bir puantaj yalnızca kendi dönemindeki günleri içerir. Günü {site} şantiyesinde silip yeniden kaydedin; gün böylece kendi haftasının puantajına girer.</translation>
    </message>
    <message>
        <source>{month} is not over yet (it ends on {last}); build its payment batch after that, or write why it cannot wait.</source>
        <translation>{month} henüz bitmedi ({last} tarihinde biter); ödeme listesini bundan sonra oluşturun ya da neden bekleyemeyeceğini yazın.</translation>
    </message>
</context>
<context>
    <name>catalogue</name>
    <message>
        <source>That price catalogue does not exist any more.</source>
        <translation>Bu fiyat kataloğu artık yok.</translation>
    </message>
    <message>
        <source>Catalogue {label} is published and cannot change; create a new version to change prices.</source>
        <translation>{label} kataloğu yayımlandı ve değiştirilemez; fiyatları değiştirmek için yeni bir sürüm oluşturun.</translation>
    </message>
    <message>
        <source>Name the version, e.g. 2026-07.</source>
        <translation>Sürüme ad verin, ör. 2026-07.</translation>
    </message>
    <message>
        <source>Enter the date the prices apply from.</source>
        <translation>Fiyatların geçerli olacağı tarihi girin.</translation>
    </message>
    <message>
        <source>A version named {label} exists; choose another name.</source>
        <translation>{label} adlı bir sürüm var; başka bir ad seçin.</translation>
    </message>
    <message>
        <source>That catalogue item does not exist any more.</source>
        <translation>Bu katalog kalemi artık yok.</translation>
    </message>
    <message>
        <source>Catalogue {label} has no items; add or import items first.</source>
        <translation>{label} kataloğunda kalem yok; önce kalem ekleyin ya da içe aktarın.</translation>
    </message>
    <message>
        <source>A unit price must be more than zero.</source>
        <translation>Birim fiyat sıfırdan büyük olmalıdır.</translation>
    </message>
    <message>
        <source>Cannot read {path} as an XLSX spreadsheet: {error}</source>
        <translation>{path} bir XLSX hesap tablosu olarak okunamıyor: {error}</translation>
    </message>
    <message>
        <source>The first row must name the columns; missing: {columns}.</source>
        <translation>İlk satır sütunları adlandırmalı; eksik: {columns}.</translation>
    </message>
    <message>
        <source>Row {row}: </source>
        <translation>Satır {row}: </translation>
    </message>
    <message>
        <source>Row {row}: code {code} appears twice.</source>
        <translation>Satır {row}: {code} kodu iki kez geçiyor.</translation>
    </message>
    <message>
        <source>The spreadsheet has no items.</source>
        <translation>Hesap tablosunda kalem yok.</translation>
    </message>
    <message>
        <source>{column} is empty.</source>
        <translation>{column} boş.</translation>
    </message>
    <message>
        <source>category &apos;{value}&apos; is unknown; use one of {choices}.</source>
        <translation>&apos;{value}&apos; kategorisi bilinmiyor; şunlardan birini kullanın: {choices}.</translation>
    </message>
    <message>
        <source>VAT rate {value} is not a percentage.</source>
        <translation>KDV oranı {value} bir yüzde değil.</translation>
    </message>
    <message>
        <source>code (20) or unit (12) is too long.</source>
        <translation>kod (20) ya da birim (12) çok uzun.</translation>
    </message>
    <message>
        <source>{column} {value} needs at most two decimals.</source>
        <translation>{column} {value} en çok iki ondalık basamak içermeli.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Evet</translation>
    </message>
</context>
<context>
    <name>check</name>
    <message>
        <source>Integrity: {detail}</source>
        <translation>Bütünlük: {detail}</translation>
    </message>
    <message>
        <source>Foreign key: row {rowid} of {table} points to a missing {parent}.</source>
        <translation>Yabancı anahtar: {table} tablosunun {rowid} satırı olmayan bir {parent} kaydını gösteriyor.</translation>
    </message>
    <message>
        <source>Schema is at revision {found}, expected {expected}; run shelter-app migrate.</source>
        <translation>Şema {found} revizyonunda, beklenen {expected}; shelter-app migrate komutunu çalıştırın.</translation>
    </message>
    <message>
        <source>Photo {id}: file {path} {fault}</source>
        <translation>Fotoğraf {id}: {path} dosyası {fault}</translation>
    </message>
    <message>
        <source>Agreement {number}: the signed scan {path} {fault}</source>
        <translation>Sözleşme {number}: imzalı tarama {path} {fault}</translation>
    </message>
    <message>
        <source>is missing; restore it from a backup.</source>
        <translation>eksik; yedekten geri yükleyin.</translation>
    </message>
    <message>
        <source>is damaged (its content no longer has its hash); restore it from a backup.</source>
        <translation>bozuk (içeriği artık özetiyle uyuşmuyor); yedekten geri yükleyin.</translation>
    </message>
    <message numerus="yes">
        <source>{ref}: %n labour days ({first} – {last}) lie outside the works (agreement signed: {signed}).</source>
        <translation>
            <numerusform>{ref}: %n işçilik günü ({first} – {last}) işlerin dönemi dışında (sözleşme imzası: {signed}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Timesheet {ref} holds %n labour days of another site or outside its period; a payment batch would pay them as its site&apos;s labour.</source>
        <translation>
            <numerusform>{ref} puantajında başka bir şantiyeye ait ya da dönemi dışında kalan %n işçilik günü var; ödeme listesi bunları puantajın şantiyesinin işçiliği olarak öder.</numerusform>
        </translation>
    </message>
    <message>
        <source>{ref} is monitored but no monitoring visit was made.</source>
        <translation>{ref} izleniyor ama hiç izleme ziyareti yapılmadı.</translation>
    </message>
    <message>
        <source>{ref} is {stage} without photos of the finished works.</source>
        <translation>{ref} biten işlerin fotoğrafları olmadan &quot;{stage}&quot; aşamasında.</translation>
    </message>
    <message>
        <source>Agreement {number} is active before its start on {start}.</source>
        <translation>{number} sözleşmesi {start} başlangıcından önce yürürlükte.</translation>
    </message>
    <message>
        <source>Payment batch {ref} for {period} was built on {day}, before the month ended.</source>
        <translation>{period} dönemi için {ref} ödeme listesi, ay bitmeden {day} tarihinde oluşturuldu.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>database file or SQLAlchemy URL (default: ${env} or the user data folder)</source>
        <translation>veritabanı dosyası ya da SQLAlchemy URL&apos;si (varsayılan: ${env} ya da kullanıcı veri klasörü)</translation>
    </message>
    <message>
        <source>Barınak: shelter rehabilitation case management.</source>
        <translation>Barınak: barınak onarımı vaka yönetimi.</translation>
    </message>
    <message>
        <source>fill an empty database with demo data</source>
        <translation>boş bir veritabanını örnek verilerle doldur</translation>
    </message>
    <message>
        <source>number of dwellings</source>
        <translation>konut sayısı</translation>
    </message>
    <message>
        <source>do nothing when the database already has data</source>
        <translation>veritabanında zaten veri varsa hiçbir şey yapma</translation>
    </message>
    <message>
        <source>add before/after photos to a few dwellings</source>
        <translation>birkaç konuta önce/sonra fotoğrafları ekle</translation>
    </message>
    <message>
        <source>list records</source>
        <translation>kayıtları listele</translation>
    </message>
    <message>
        <source>words to search for (not for payments, users or offices)</source>
        <translation>aranacak sözcükler (ödemeler, kullanıcılar ve ofisler için değil)</translation>
    </message>
    <message>
        <source>payments: only the batches of this month</source>
        <translation>ödemeler: yalnızca bu ayın ödeme listeleri</translation>
    </message>
    <message>
        <source>{option} does not apply to list {kind}.</source>
        <translation>{option} seçeneği list {kind} için kullanılamaz.</translation>
    </message>
    <message>
        <source>add, list, rename, close offices</source>
        <translation>ofis ekle, listele, yeniden adlandır, kapat</translation>
    </message>
    <message>
        <source>the office code: 3 letters, e.g. GAZ</source>
        <translation>ofis kodu: 3 harf, ör. GAZ</translation>
    </message>
    <message>
        <source>add an office</source>
        <translation>ofis ekle</translation>
    </message>
    <message>
        <source>the office&apos;s name</source>
        <translation>ofisin adı</translation>
    </message>
    <message>
        <source>its province, one of the 81 of Türkiye (e.g. Gaziantep)</source>
        <translation>ili, Türkiye&apos;nin 81 ilinden biri (ör. Gaziantep)</translation>
    </message>
    <message>
        <source>list the offices, closed ones too</source>
        <translation>ofisleri listele, kapalı olanlar da</translation>
    </message>
    <message>
        <source>give an office a new name</source>
        <translation>ofise yeni bir ad ver</translation>
    </message>
    <message>
        <source>the new name</source>
        <translation>yeni ad</translation>
    </message>
    <message>
        <source>set an office&apos;s budget, which reports weigh its spending against</source>
        <translation>bir ofisin bütçesini belirle; raporlar harcamayı bununla karşılaştırır</translation>
    </message>
    <message>
        <source>the budget in TL, e.g. 2500000 or 2.500.000,00; empty to clear it</source>
        <translation>TL cinsinden bütçe, ör. 2500000 ya da 2.500.000,00; silmek için boş bırakın</translation>
    </message>
    <message>
        <source>close an office: it keeps its records and takes no new cases</source>
        <translation>ofisi kapat: kayıtları kalır, yeni vaka almaz</translation>
    </message>
    <message>
        <source>reopen a closed office</source>
        <translation>kapalı bir ofisi yeniden aç</translation>
    </message>
    <message>
        <source>add, list and change user accounts</source>
        <translation>kullanıcı hesaplarını ekle, listele ve değiştir</translation>
    </message>
    <message>
        <source>the user name, e.g. ayse.kaya</source>
        <translation>kullanıcı adı, ör. ayse.kaya</translation>
    </message>
    <message>
        <source>read the password as one line from standard input instead of typing it twice</source>
        <translation>parolayı iki kez yazmak yerine standart girdiden tek satır olarak oku</translation>
    </message>
    <message>
        <source>add a user (on an empty database: the first administrator)</source>
        <translation>kullanıcı ekle (boş bir veritabanında: ilk yönetici)</translation>
    </message>
    <message>
        <source>the person&apos;s full name</source>
        <translation>kişinin adı soyadı</translation>
    </message>
    <message>
        <source>their office (engineers and supervisors need one)</source>
        <translation>ofisi (mühendislerin ve süpervizörlerin bir ofisi olmalı)</translation>
    </message>
    <message>
        <source>list users</source>
        <translation>kullanıcıları listele</translation>
    </message>
    <message>
        <source>give a user a temporary password, to change at their next sign-in</source>
        <translation>kullanıcıya, bir sonraki girişinde değiştireceği geçici bir parola ver</translation>
    </message>
    <message>
        <source>stop a user from signing in (records stay)</source>
        <translation>kullanıcının girişini durdur (kayıtları kalır)</translation>
    </message>
    <message>
        <source>let a deactivated user sign in again</source>
        <translation>devre dışı bırakılmış kullanıcının yeniden giriş yapmasına izin ver</translation>
    </message>
    <message>
        <source>end a lock-out after failed sign-ins</source>
        <translation>başarısız girişlerden sonraki kilidi kaldır</translation>
    </message>
    <message>
        <source>change a user&apos;s role, office or name</source>
        <translation>kullanıcının rolünü, ofisini veya adını değiştir</translation>
    </message>
    <message>
        <source>their new office</source>
        <translation>yeni ofisi</translation>
    </message>
    <message>
        <source>take the office away (administrators only)</source>
        <translation>ofisini kaldır (yalnızca yöneticiler)</translation>
    </message>
    <message>
        <source>their full name</source>
        <translation>adı soyadı</translation>
    </message>
    <message>
        <source>Added office {code}: {name}, {province}.</source>
        <translation>{code} ofisi eklendi: {name}, {province}.</translation>
    </message>
    <message>
        <source>Office {code} is now called {name}.</source>
        <translation>{code} ofisinin yeni adı: {name}.</translation>
    </message>
    <message>
        <source>Office {code} ({name}) has no budget set now.</source>
        <translation>{code} ofisinin ({name}) artık belirlenmiş bir bütçesi yok.</translation>
    </message>
    <message>
        <source>The budget of office {code} ({name}) is now {budget}.</source>
        <translation>{code} ofisinin ({name}) bütçesi artık {budget}.</translation>
    </message>
    <message>
        <source>Closed office {code} ({name}): its records stay; it takes no new cases.</source>
        <translation>{code} ofisi ({name}) kapatıldı: kayıtları kalır; yeni vaka almaz.</translation>
    </message>
    <message>
        <source>Reopened office {code} ({name}).</source>
        <translation>{code} ofisi ({name}) yeniden açıldı.</translation>
    </message>
    <message>
        <source>Nothing to change: give --role, --office, --no-office or --name.</source>
        <translation>Değiştirilecek bir şey yok: --role, --office, --no-office veya --name verin.</translation>
    </message>
    <message>
        <source>Temporary password for {name}: </source>
        <translation>{name} için geçici parola: </translation>
    </message>
    <message>
        <source>{name} has a new password and must change it at the next sign-in.</source>
        <translation>{name} için yeni parola belirlendi; bir sonraki girişte değiştirmesi gerekir.</translation>
    </message>
    <message>
        <source>{name} is deactivated and can no longer sign in.</source>
        <translation>{name} devre dışı bırakıldı ve artık giriş yapamaz.</translation>
    </message>
    <message>
        <source>{name} is active again and can sign in.</source>
        <translation>{name} yeniden etkin ve giriş yapabilir.</translation>
    </message>
    <message>
        <source>{name} is unlocked.</source>
        <translation>{name} hesabının kilidi açıldı.</translation>
    </message>
    <message>
        <source>Password for {name}: </source>
        <translation>{name} için parola: </translation>
    </message>
    <message>
        <source>Added {name}, the first administrator: sign in with this password.</source>
        <translation>İlk yönetici {name} eklendi: bu parolayla giriş yapın.</translation>
    </message>
    <message>
        <source>Added {name} ({role}{office}); they choose their own password at the first sign-in.</source>
        <translation>{name} eklendi ({role}{office}); ilk girişte kendi parolasını belirleyecek.</translation>
    </message>
    <message>
        <source>No terminal to type the password in: pass --password-stdin and give the password as one line on standard input.</source>
        <translation>Parolanın yazılacağı bir terminal yok: --password-stdin verin ve parolayı standart girdiden tek satır olarak gönderin.</translation>
    </message>
    <message>
        <source>The same password again: </source>
        <translation>Aynı parola tekrar: </translation>
    </message>
    <message>
        <source>{name}: {role}, office {office}, {full_name}.</source>
        <translation>{name}: {role}, ofis {office}, {full_name}.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>evet</translation>
    </message>
    <message>
        <source>no</source>
        <translation>hayır</translation>
    </message>
    <message>
        <source>check the database and its files</source>
        <translation>veritabanını ve dosyalarını denetle</translation>
    </message>
    <message>
        <source>back up and upgrade the database schema</source>
        <translation>veritabanını yedekle ve şemasını yükselt</translation>
    </message>
    <message>
        <source>back up the database and its photos</source>
        <translation>veritabanını ve fotoğraflarını yedekle</translation>
    </message>
    <message>
        <source>write one .zip archive here (for a USB stick) instead of an automatic snapshot</source>
        <translation>otomatik anlık görüntü yerine buraya tek bir .zip arşivi yaz (USB bellek için)</translation>
    </message>
    <message>
        <source>replace the database with a backup</source>
        <translation>veritabanını bir yedekle değiştir</translation>
    </message>
    <message>
        <source>a .zip archive or an automatic snapshot (.db)</source>
        <translation>bir .zip arşivi ya da otomatik anlık görüntü (.db)</translation>
    </message>
    <message>
        <source>encrypt a database from before encryption (the GUI does it at its first start) and print its recovery key once</source>
        <translation>şifrelemeden önceki bir veritabanını şifreler (arayüz bunu ilk açılışta yapar) ve kurtarma anahtarını bir kez yazdırır</translation>
    </message>
    <message numerus="yes">
        <source>{done}/%n dwellings</source>
        <translation>
            <numerusform>{done}/%n konut</numerusform>
        </translation>
    </message>
    <message>
        <source>Created {dwellings}, {families} and {lessors} in {offices} in {seconds:.1f} s ({db}).</source>
        <translation>{offices} genelinde {dwellings}, {families} ve {lessors} {seconds:.1f} sn&apos;de oluşturuldu ({db}).</translation>
    </message>
    <message numerus="yes">
        <source>%n dwellings</source>
        <translation>
            <numerusform>%n konut</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n households</source>
        <translation>
            <numerusform>%n hane</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n landlords</source>
        <translation>
            <numerusform>%n kiraya veren</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote {path} ({size:.1f} MB, {photos}) in {seconds:.1f} s.</source>
        <translation>{path} {seconds:.1f} sn&apos;de yazıldı ({size:.1f} MB, {photos}).</translation>
    </message>
    <message numerus="yes">
        <source>%n photos copied</source>
        <translation>
            <numerusform>%n fotoğraf kopyalandı</numerusform>
        </translation>
    </message>
    <message>
        <source>{db} is not a database file from before encryption; nothing was changed.</source>
        <translation>{db} şifrelemeden önceki bir veritabanı dosyası değil; hiçbir şey değiştirilmedi.</translation>
    </message>
    <message>
        <source>Encrypted {db}. Its recovery key, shown only this once: keep it locked away from the computer.</source>
        <translation>{db} şifrelendi. Kurtarma anahtarı yalnızca bu kez gösteriliyor: bilgisayardan ayrı, kilitli bir yerde saklayın.</translation>
    </message>
    <message>
        <source>import photos onto a dwelling; one line per file</source>
        <translation>bir konuta fotoğraf içe aktar; her dosya için bir satır</translation>
    </message>
    <message>
        <source>the dwelling, e.g. GAZ-D-000123</source>
        <translation>konut, ör. GAZ-D-000123</translation>
    </message>
    <message>
        <source>photo files, or folders of photos</source>
        <translation>fotoğraf dosyaları ya da fotoğraf klasörleri</translation>
    </message>
    <message>
        <source>the stage the photos show (default: before)</source>
        <translation>fotoğrafların gösterdiği aşama (varsayılan: before)</translation>
    </message>
    <message>
        <source>{imported}, {duplicates}, {refused}, {skipped}.</source>
        <translation>{imported}, {duplicates}, {refused}, {skipped}.</translation>
    </message>
    <message numerus="yes">
        <source>%n duplicates</source>
        <translation>
            <numerusform>%n yinelenen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos refused</source>
        <translation>
            <numerusform>%n fotoğraf reddedildi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not imported</source>
        <translation>
            <numerusform>%n içe aktarılmadı</numerusform>
        </translation>
    </message>
    <message>
        <source>print a document to a PDF file</source>
        <translation>bir belgeyi PDF dosyasına yazdır</translation>
    </message>
    <message>
        <source>a bill of quantities (by its reference, or a dwelling&apos;s for its newest revision)</source>
        <translation>bir keşif özeti (kendi numarasıyla ya da en yeni revizyonu için konut numarasıyla)</translation>
    </message>
    <message>
        <source>e.g. GAZ-D-000123-B1 or GAZ-D-000123</source>
        <translation>ör. GAZ-D-000123-B1 ya da GAZ-D-000123</translation>
    </message>
    <message>
        <source>the file to write</source>
        <translation>yazılacak dosya</translation>
    </message>
    <message>
        <source>add the English descriptions</source>
        <translation>İngilizce tanımları ekle</translation>
    </message>
    <message>
        <source>a cash-for-work timesheet</source>
        <translation>bir çalışma karşılığı nakit puantajı</translation>
    </message>
    <message>
        <source>e.g. GAZ-D-000123-T01</source>
        <translation>ör. GAZ-D-000123-T01</translation>
    </message>
    <message>
        <source>a landlord agreement, Turkish with its translation</source>
        <translation>bir kiraya veren sözleşmesi, çevirisiyle birlikte Türkçe</translation>
    </message>
    <message>
        <source>e.g. GAZ-2026-0042</source>
        <translation>ör. GAZ-2026-0042</translation>
    </message>
    <message>
        <source>many landlord agreements, one PDF each, with progress on stderr</source>
        <translation>birçok kiraya veren sözleşmesi, her biri için bir PDF, ilerleme stderr&apos;de</translation>
    </message>
    <message>
        <source>the folder to write NUMBER.pdf files into</source>
        <translation>NUMARA.pdf dosyalarının yazılacağı klasör</translation>
    </message>
    <message>
        <source>only agreements with this status</source>
        <translation>yalnızca bu durumdaki sözleşmeler</translation>
    </message>
    <message>
        <source>the languages (default: the agreement&apos;s own, usually tr+ar)</source>
        <translation>diller (varsayılan: sözleşmenin kendi dilleri, genellikle tr+ar)</translation>
    </message>
    <message>
        <source>export data for finance</source>
        <translation>finans için veri dışa aktar</translation>
    </message>
    <message>
        <source>the cash-for-work payment list of a month (every batch built for it)</source>
        <translation>bir ayın çalışma karşılığı nakit ödeme listesi (o ay için hazırlanan tüm listeler)</translation>
    </message>
    <message>
        <source>CSV: only bank (IBAN) or only PTT payments (default: both)</source>
        <translation>CSV: yalnızca banka (IBAN) ya da yalnızca PTT ödemeleri (varsayılan: ikisi de)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote {number} (%n lines) to {path}.</source>
        <translation>
            <numerusform>{number} (%n satır) {path} dosyasına yazıldı.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote {contracts} to {path}; %n could not be printed.</source>
        <translation>
            <numerusform>{contracts} {path} klasörüne yazıldı; %n tanesi basılamadı.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote {number} ({workers}, {entries}) to {path}.</source>
        <translation>{number} ({workers}, {entries}) {path} dosyasına yazıldı.</translation>
    </message>
    <message>
        <source>the dwelling&apos;s photos by what they show (each kind of work, water and sanitation, electricity, heating), before beside after, on pages of their own</source>
        <translation>konutun fotoğrafları gösterdikleri yere göre (her iş türü, su ve sıhhi tesisat, elektrik, ısınma), öncesi ve sonrası yan yana, ayrı sayfalarda</translation>
    </message>
    <message numerus="yes">
        <source>%n workers</source>
        <translation>
            <numerusform>%n işçi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n kayıt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contracts</source>
        <translation>
            <numerusform>%n sözleşme</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No payment batch has been built for {period} (%n approved timesheets wait); a supervisor builds it in the Cash-for-work screen.</source>
        <translation>
            <numerusform>{period} için ödeme listesi hazırlanmadı (%n onaylı puantaj bekliyor); bir süpervizör bunu Çalışma karşılığı nakit ekranında hazırlar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote {lines} of {batches}, total {total}, to {path}.</source>
        <translation>{batches} içinden {lines}, toplam {total}, {path} dosyasına yazıldı.</translation>
    </message>
    <message numerus="yes">
        <source>%n payment lines</source>
        <translation>
            <numerusform>%n ödeme satırı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batches</source>
        <translation>
            <numerusform>%n ödeme listesi</numerusform>
        </translation>
    </message>
    <message>
        <source>export or erase one person&apos;s data (KVKK)</source>
        <translation>bir kişinin verilerini dışa aktar ya da sil (KVKK)</translation>
    </message>
    <message>
        <source>write everything held on one person to a JSON file</source>
        <translation>bir kişi hakkında tutulan her şeyi bir JSON dosyasına yaz</translation>
    </message>
    <message>
        <source>pseudonymise one person: names, ID numbers, phones and IBANs are removed</source>
        <translation>bir kişiyi takma adlandır: adlar, kimlik numaraları, telefonlar ve IBAN&apos;lar kaldırılır</translation>
    </message>
    <message>
        <source>the person&apos;s reference, e.g. GAZ-H-000123</source>
        <translation>kişinin numarası, ör. GAZ-H-000123</translation>
    </message>
    <message>
        <source>why, for the audit trail</source>
        <translation>neden, denetim kaydı için</translation>
    </message>
    <message>
        <source>a short note beside the reason (needed with `other`); the person&apos;s name and numbers are removed from it</source>
        <translation>gerekçenin yanına kısa bir not (`other` ile zorunlu); kişinin adı ve numaraları nottan çıkarılır</translation>
    </message>
    <message>
        <source>list people whose retention period has ended</source>
        <translation>saklama süresi dolan kişileri listele</translation>
    </message>
    <message>
        <source>Records that break a case rule (left as they are):</source>
        <translation>Bir vaka kuralına aykırı kayıtlar (olduğu gibi bırakıldı):</translation>
    </message>
    <message>
        <source>{db}: no problems found.</source>
        <translation>{db}: sorun bulunamadı.</translation>
    </message>
    <message>
        <source>{db} is at schema {revision}.</source>
        <translation>{db} şeması {revision} sürümünde.</translation>
    </message>
    <message>
        <source>Wrote {kind} {ref} to {path}; linked records: {records}, audit events: {events}.</source>
        <translation>{kind} {ref}, {path} dosyasına yazıldı; bağlı kayıtlar: {records}, denetim olayları: {events}.</translation>
    </message>
    <message>
        <source>Pseudonymised {kind} {ref} as &quot;{name}&quot;; people: {people}, dwellings reindexed: {dwellings}, audit events scrubbed: {events}.</source>
        <translation>{kind} {ref}, &quot;{name}&quot; olarak takma adlandırıldı; kişiler: {people}, yeniden dizinlenen konutlar: {dwellings}, temizlenen denetim olayları: {events}.</translation>
    </message>
    <message>
        <source>No one is due for erasure.</source>
        <translation>Silinmesi gereken kimse yok.</translation>
    </message>
    <message>
        <source>Nothing changed since the backup {path}; no new snapshot ({seconds:.2f} s).</source>
        <translation>{path} yedeğinden bu yana hiçbir şey değişmedi; yeni anlık görüntü yok ({seconds:.2f} sn).</translation>
    </message>
    <message>
        <source>Removed the old snapshot {path}.</source>
        <translation>Eski anlık görüntü {path} kaldırıldı.</translation>
    </message>
    <message>
        <source>restore replaces a SQLite database file; {db} is not one.</source>
        <translation>restore bir SQLite veritabanı dosyasını değiştirir; {db} böyle bir dosya değil.</translation>
    </message>
    <message>
        <source>Restored {target} from {source} (backup made {created}).</source>
        <translation>{target}, {source} kaynağından geri yüklendi (yedek tarihi {created}).</translation>
    </message>
    <message>
        <source>The replaced database was kept as {path}.</source>
        <translation>Değiştirilen veritabanı {path} olarak saklandı.</translation>
    </message>
    <message>
        <source>Wrote {number} ({languages}) to {path}.</source>
        <translation>{number} ({languages}) {path} dosyasına yazıldı.</translation>
    </message>
    <message>
        <source>(warning: {warning})</source>
        <translation>(uyarı: {warning})</translation>
    </message>
    <message>
        <source>import households, dwellings, landlords, workers, assessments or whole cases (a household, its dwelling and landlord per row) from XLSX, CSV or a KoboToolbox/ODK export</source>
        <translation>XLSX, CSV ya da KoboToolbox/ODK dışa aktarımından hane, konut, kiraya veren, işçi, değerlendirme ya da bütün vakaları (satır başına bir hane, konutu ve kiraya veren) içe aktar</translation>
    </message>
    <message>
        <source>the .xlsx or .csv file</source>
        <translation>.xlsx ya da .csv dosyası</translation>
    </message>
    <message>
        <source>what the rows are</source>
        <translation>satırlardaki kayıtların türü</translation>
    </message>
    <message>
        <source>a mapping file saved from the import dialog (default: columns matched by name)</source>
        <translation>içe aktarma penceresinden kaydedilmiş bir eşleştirme dosyası (varsayılan: sütunlar adlarına göre eşleştirilir)</translation>
    </message>
    <message>
        <source>check every row and print the counts, but save nothing</source>
        <translation>her satırı kontrol et ve sayıları yazdır, ancak hiçbir şey kaydetme</translation>
    </message>
    <message>
        <source>write the rows not imported, with the reason, to this .csv or .xlsx file</source>
        <translation>içe aktarılmayan satırları nedenleriyle birlikte bu .csv ya da .xlsx dosyasına yaz</translation>
    </message>
    <message>
        <source>update records already registered (default: skip them)</source>
        <translation>zaten kayıtlı olan kayıtları güncelle (varsayılan: bunları atla)</translation>
    </message>
    <message>
        <source>import nothing when any row is rejected</source>
        <translation>herhangi bir satır reddedilirse hiçbir şey içe aktarma</translation>
    </message>
    <message>
        <source>import rows whose values the form would ask to confirm</source>
        <translation>formun onay isteyeceği değerler içeren satırları içe aktar</translation>
    </message>
    <message>
        <source>a supervisor who confirms the rows whose ID number is on other records (asked for their password; needs --reason)</source>
        <translation>kimlik numarası başka kayıtlarda bulunan satırları onaylayan süpervizör (parolası sorulur; --reason gerekir)</translation>
    </message>
    <message>
        <source>why the supervisor confirms those rows (kept in the audit trail)</source>
        <translation>süpervizörün bu satırları neden onayladığı (denetim kaydında saklanır)</translation>
    </message>
    <message>
        <source>the folder of the export&apos;s photos (default: beside the file)</source>
        <translation>dışa aktarımın fotoğraflarının bulunduğu klasör (varsayılan: dosyanın yanındaki klasör)</translation>
    </message>
    <message>
        <source>the office new records belong to, e.g. GAZ (needed with several offices)</source>
        <translation>yeni kayıtların ait olduğu ofis, ör. GAZ (birden çok ofis varsa gerekli)</translation>
    </message>
    <message>
        <source>the direction of the form&apos;s condition scale in numbers: worst-first when its 1 is the worst state (very poor), best-first when it is the best; needed for a Kobo/ODK export whose scale is numbers, unless the mapping file maps them</source>
        <translation>formdaki durum ölçeğinin sayılarla yönü: 1 en kötü durumsa (çok kötü) worst-first, en iyi durumsa best-first; ölçeği sayılardan oluşan bir Kobo/ODK dışa aktarımında, eşleştirme dosyası bunları eşleştirmiyorsa gereklidir</translation>
    </message>
    <message>
        <source>the workbook&apos;s sheet to import (default: the first)</source>
        <translation>içe aktarılacak çalışma kitabı sayfası (varsayılan: ilk sayfa)</translation>
    </message>
    <message>
        <source>the CSV&apos;s text encoding, e.g. cp1254 or utf-8 (default: detected)</source>
        <translation>CSV dosyasının karakter kodlaması, ör. cp1254 ya da utf-8 (varsayılan: otomatik algılanır)</translation>
    </message>
    <message>
        <source>the CSV&apos;s separator, e.g. &apos;;&apos; (default: detected)</source>
        <translation>CSV dosyasının ayırıcısı, ör. &apos;;&apos; (varsayılan: otomatik algılanır)</translation>
    </message>
    <message>
        <source>from the mapping file</source>
        <translation>eşleştirme dosyasından</translation>
    </message>
    <message>
        <source>{column} -&gt; {field} ({why})</source>
        <translation>{column} -&gt; {field} ({why})</translation>
    </message>
    <message>
        <source>No column of {file} gives {fields}; rename the columns or pass --mapping.</source>
        <translation>{file} dosyasında {fields} için sütun yok; sütunları yeniden adlandırın ya da --mapping seçeneğini kullanın.</translation>
    </message>
    <message>
        <source>{user}&apos;s password: </source>
        <translation>{user} kullanıcısının parolası: </translation>
    </message>
    <message>
        <source>row {row}: {message}</source>
        <translation>satır {row}: {message}</translation>
    </message>
    <message>
        <source>row {row}: photo {name}: {status}</source>
        <translation>satır {row}: {name} fotoğrafı: {status}</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n rows to {path}.</source>
        <translation>
            <numerusform>%n satır {path} dosyasına yazıldı.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run: nothing was saved.</source>
        <translation>Deneme çalıştırması: hiçbir şey kaydedilmedi.</translation>
    </message>
    <message>
        <source>{new}, {updated}, {skipped} ({unchanged}), {rejected}; {empty}.</source>
        <translation>{new}, {updated}, {skipped} ({unchanged}), {rejected}; {empty}.</translation>
    </message>
    <message numerus="yes">
        <source>%n rows imported</source>
        <translation>
            <numerusform>%n satır içe aktarıldı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n güncellendi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n atlandı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n değişmedi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n reddedildi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n empty rows ignored</source>
        <translation>
            <numerusform>%n boş satır yok sayıldı</numerusform>
        </translation>
    </message>
    <message>
        <source>{imported}, {missing}.</source>
        <translation>{imported}, {missing}.</translation>
    </message>
    <message numerus="yes">
        <source>%n photos imported</source>
        <translation>
            <numerusform>%n fotoğraf içe aktarıldı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos not found</source>
        <translation>
            <numerusform>%n fotoğraf bulunamadı</numerusform>
        </translation>
    </message>
    <message>
        <source>Say which office the records belong to: --office with one of {codes}.</source>
        <translation>Kayıtların hangi ofise ait olduğunu belirtin: --office ile {codes} kodlarından birini verin.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; nothing was written. Create it first, or give {option} a path in an existing folder.</source>
        <translation>{folder} klasörü yok; hiçbir şey yazılmadı. Önce klasörü oluşturun ya da {option} seçeneğine var olan bir klasördeki bir yol verin.</translation>
    </message>
    <message>
        <source>--period takes a month written YYYY-MM, e.g. 2026-11; &apos;{raw}&apos; is not one.</source>
        <translation>--period bir ayı YYYY-AA biçiminde alır, ör. 2026-11; &apos;{raw}&apos; bu biçimde değil.</translation>
    </message>
    <message>
        <source>run the sync server on this database (PostgreSQL)</source>
        <translation>bu veritabanı üzerinde eşitleme sunucusunu çalıştır (PostgreSQL)</translation>
    </message>
    <message>
        <source>address to listen on (default 127.0.0.1; a reverse proxy faces the network)</source>
        <translation>dinlenecek adres (varsayılan 127.0.0.1; ağa açılan taraf bir ters vekil sunucudur)</translation>
    </message>
    <message>
        <source>default 8765</source>
        <translation>varsayılan 8765</translation>
    </message>
    <message>
        <source>the folder of the photos and scans laptops send (remembered; default: the data folder&apos;s files)</source>
        <translation>bilgisayarların gönderdiği fotoğrafların ve taramaların klasörü (hatırlanır; varsayılan: veri klasöründeki files)</translation>
    </message>
    <message>
        <source>serve HTTPS with this certificate (else TLS is the proxy&apos;s)</source>
        <translation>HTTPS üzerinden bu sertifikayla hizmet ver (verilmezse TLS vekil sunucunun işidir)</translation>
    </message>
    <message>
        <source>the certificate&apos;s private key</source>
        <translation>sertifikanın özel anahtarı</translation>
    </message>
    <message>
        <source>add, list and revoke the laptops that sync with this server</source>
        <translation>bu sunucuyla eşitlenen bilgisayarları ekle, listele ve iptal et</translation>
    </message>
    <message>
        <source>add a laptop and print its one-time enrolment code</source>
        <translation>bir bilgisayar ekle ve tek kullanımlık eşleştirme kodunu yazdır</translation>
    </message>
    <message>
        <source>e.g. gaziantep-laptop-3</source>
        <translation>ör. gaziantep-laptop-3</translation>
    </message>
    <message>
        <source>the office whose records it holds (default: every office)</source>
        <translation>kayıtlarını tuttuğu ofis (varsayılan: tüm ofisler)</translation>
    </message>
    <message>
        <source>list the laptops</source>
        <translation>bilgisayarları listele</translation>
    </message>
    <message>
        <source>enrol a laptop without a network: write its enrolment package for a USB stick and print the code that opens it</source>
        <translation>ağı olmayan bir bilgisayarı eşleştir: USB bellek için eşleştirme paketini yaz ve onu açan kodu yazdır</translation>
    </message>
    <message>
        <source>a device added with `device add`, not yet enrolled</source>
        <translation>`device add` ile eklenmiş, henüz eşleştirilmemiş bir cihaz</translation>
    </message>
    <message>
        <source>the server&apos;s address, if the laptop may one day sync online</source>
        <translation>bilgisayar bir gün çevrimiçi eşitleyebilecekse sunucunun adresi</translation>
    </message>
    <message>
        <source>refuse a lost or retired laptop from now on</source>
        <translation>kaybolan ya da kullanımdan kaldırılan bir bilgisayarı bundan sonra reddet</translation>
    </message>
    <message>
        <source>its name or mark</source>
        <translation>adı ya da işareti</translation>
    </message>
    <message>
        <source>enrol this laptop with a sync server</source>
        <translation>bu bilgisayarı bir eşitleme sunucusuyla eşleştir</translation>
    </message>
    <message>
        <source>the server, e.g. https://sync.example.org</source>
        <translation>sunucu, ör. https://sync.example.org</translation>
    </message>
    <message>
        <source>the one-time code from `device add`</source>
        <translation>`device add` komutunun verdiği tek kullanımlık kod</translation>
    </message>
    <message>
        <source>send this laptop&apos;s changes to the server and take the server&apos;s</source>
        <translation>bu bilgisayarın değişikliklerini sunucuya gönder ve sunucunun değişikliklerini al</translation>
    </message>
    <message>
        <source>another address of the same server (default: the one enrolled with)</source>
        <translation>aynı sunucunun başka bir adresi (varsayılan: eşleştirmede kullanılan adres)</translation>
    </message>
    <message>
        <source>write this laptop&apos;s changes and new photos into a package for a USB stick</source>
        <translation>bu bilgisayarın değişikliklerini ve yeni fotoğraflarını USB bellek için bir pakete yazar</translation>
    </message>
    <message numerus="yes">
        <source>%n existing records are ready to be pulled.</source>
        <translation>
            <numerusform>Mevcut %n kayıt, bilgisayarların alması için hazır.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enrolled {name} and wrote its enrolment package to {file} ({records}, {files}, {size} MB). The code that opens it:
  {code}
Give the code apart from the USB stick. On the new laptop: shelter-app sync import FILE --code CODE, or Import enrolment package… at its first start.</source>
        <translation>{name} eşleştirildi ve eşleştirme paketi {file} dosyasına yazıldı ({records}, {files}, {size} MB). Onu açan kod:
  {code}
Kodu USB bellekten ayrı verin. Yeni bilgisayarda: shelter-app sync import FILE --code CODE ya da ilk açılışta USB bellekten eşleştirme.</translation>
    </message>
    <message numerus="yes">
        <source>%n records</source>
        <translation>
            <numerusform>%n kayıt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n değişiklik</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos and scans</source>
        <translation>
            <numerusform>%n fotoğraf ve tarama</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote package {number} to {file}: {ops}, {files}, {size} MB. Import it where the server is reached, then bring the receipt back.</source>
        <translation>{number} numaralı paket {file} dosyasına yazıldı: {ops}, {files}, {size} MB. Sunucuya ulaşılan yerde içe aktarın, sonra alındıyı geri getirin.</translation>
    </message>
    <message>
        <source>the package to write</source>
        <translation>yazılacak paket</translation>
    </message>
    <message>
        <source>apply a laptop&apos;s package where the server is reached (writing its receipt), or, on the laptop, its receipt</source>
        <translation>bir bilgisayarın paketini sunucuya ulaşılan yerde uygular (alındısını yazar) ya da bilgisayarın kendisinde alındısını uygular</translation>
    </message>
    <message>
        <source>a package or a receipt</source>
        <translation>bir paket ya da alındı</translation>
    </message>
    <message>
        <source>where to write the receipt (default: beside the package, named …-receipt)</source>
        <translation>alındının yazılacağı yer (varsayılan: paketin yanında, …-receipt adıyla)</translation>
    </message>
    <message>
        <source>an enrolment package&apos;s code (a new laptop joining by USB stick)</source>
        <translation>bir eşleştirme paketinin kodu (USB bellekle katılan yeni bilgisayar)</translation>
    </message>
    <message>
        <source>Warning: serving a SQLite file; a programme&apos;s server runs on PostgreSQL.</source>
        <translation>Uyarı: bir SQLite dosyası sunuluyor; bir programın sunucusu PostgreSQL üzerinde çalışır.</translation>
    </message>
    <message>
        <source>Photos and scans are kept in {folder}.</source>
        <translation>Fotoğraflar ve taramalar {folder} klasöründe tutuluyor.</translation>
    </message>
    <message numerus="yes">
        <source>Logging existing records: %n so far, now {table}.</source>
        <translation>
            <numerusform>Mevcut kayıtlar değişiklik günlüğüne yazılıyor: şimdiye dek %n, şimdi {table}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Added {name} (mark {mark}). On the laptop run:
  shelter-app enrol SERVER_URL {code}</source>
        <translation>{name} eklendi (işaret {mark}). Bilgisayarda şunu çalıştırın:
  shelter-app enrol SERVER_URL {code}</translation>
    </message>
    <message numerus="yes">
        <source>The code works once, for %n days.</source>
        <translation>
            <numerusform>Kod yalnızca bir kez ve %n gün boyunca geçerlidir.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoked {name}: the server refuses it from now on.</source>
        <translation>{name} iptal edildi: sunucu bundan sonra onu reddeder.</translation>
    </message>
    <message>
        <source>Enrolled as {name}. Run `shelter-app sync` to take the programme&apos;s records.</source>
        <translation>{name} adıyla eşleştirildi. Programın kayıtlarını almak için `shelter-app sync` komutunu çalıştırın.</translation>
    </message>
    <message>
        <source>This laptop was enrolled by USB stick and knows no server address: exchange packages (sync export, sync import), or give the address with --server URL.</source>
        <translation>Bu bilgisayar USB bellekle eşleştirildi ve bir sunucu adresi bilmiyor: paketleri değiş tokuş edin (sync export, sync import) ya da adresi --server URL ile verin.</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gönderilen</translation>
    </message>
    <message>
        <source>received</source>
        <translation>alınan</translation>
    </message>
    <message>
        <source>files sent</source>
        <translation>gönderilen dosya</translation>
    </message>
    <message>
        <source>files received</source>
        <translation>alınan dosya</translation>
    </message>
    <message>
        <source>Sent {pushed} ({applied}, {conflicts}, {refused}); received {pulled}.</source>
        <translation>{pushed} gönderildi ({applied}, {conflicts}, {refused}); {pulled} alındı.</translation>
    </message>
    <message numerus="yes">
        <source>%n applied</source>
        <translation>
            <numerusform>%n uygulandı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n çakışmada</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n reddedildi</numerusform>
        </translation>
    </message>
    <message>
        <source>Photos and scans: {sent} sent, {received} received, {waiting} not on the server yet.</source>
        <translation>Fotoğraflar ve taramalar: {sent} gönderildi, {received} alındı, {waiting} henüz sunucuda değil.</translation>
    </message>
    <message>
        <source>{file} is an enrolment package: give the code that came with it (--code CODE).</source>
        <translation>{file} bir eşleştirme paketi: onunla gelen kodu verin (--code CODE).</translation>
    </message>
    <message>
        <source>Enrolled as {name} with the package&apos;s records; sign in, and exchange packages with `sync export` and `sync import`.</source>
        <translation>Paketin kayıtlarıyla {name} adıyla eşleştirildi; oturum açın ve paketleri `sync export` ile `sync import` kullanarak değiş tokuş edin.</translation>
    </message>
    <message>
        <source>Applied the package; wrote its receipt to {file}. Take it back to the laptop and import it there.</source>
        <translation>Paket uygulandı; alındısı {file} dosyasına yazıldı. Onu bilgisayara geri götürüp orada içe aktarın.</translation>
    </message>
    <message>
        <source>the programme report (cases, money, cash-for-work, agreements, people reached) as XLSX or PDF</source>
        <translation>program raporu (vakalar, para, çalışma karşılığı nakit, sözleşmeler, ulaşılan kişiler) XLSX ya da PDF olarak</translation>
    </message>
    <message>
        <source>one office only (default: every office)</source>
        <translation>yalnızca bir ofis (varsayılan: tüm ofisler)</translation>
    </message>
    <message>
        <source>the period&apos;s first day (default: the programme&apos;s start)</source>
        <translation>dönemin ilk günü (varsayılan: programın başlangıcı)</translation>
    </message>
    <message>
        <source>the period&apos;s last day (default: no end)</source>
        <translation>dönemin son günü (varsayılan: bitiş yok)</translation>
    </message>
    <message>
        <source>the file to write; its extension picks the format</source>
        <translation>yazılacak dosya; biçimi uzantısı belirler</translation>
    </message>
    <message>
        <source>{option} takes a day written YYYY-MM-DD, e.g. 2026-11-30; &apos;{raw}&apos; is not one.</source>
        <translation>{option} YYYY-AA-GG biçiminde bir gün alır, ör. 2026-11-30; &apos;{raw}&apos; böyle değil.</translation>
    </message>
    <message>
        <source>Wrote the programme report ({cases} in {offices}) to {path}.</source>
        <translation>Program raporu ({cases}; {offices}) {path} dosyasına yazıldı.</translation>
    </message>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>%n vaka</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offices</source>
        <translation>
            <numerusform>%n ofis</numerusform>
        </translation>
    </message>
    <message>
        <source>The database is encrypted: run this on a terminal to sign in, or give the recovery key in {env}.</source>
        <translation>Veritabanı şifreli: giriş yapmak için bu komutu bir terminalde çalıştırın ya da kurtarma anahtarını {env} değişkeninde verin.</translation>
    </message>
    <message>
        <source>User name: </source>
        <translation>Kullanıcı adı: </translation>
    </message>
    <message>
        <source>Password: </source>
        <translation>Parola: </translation>
    </message>
</context>
<context>
    <name>database</name>
    <message>
        <source>{path} is a folder; give the path of a database file.</source>
        <translation>{path} bir klasör; bir veritabanı dosyasının yolunu verin.</translation>
    </message>
    <message>
        <source>Cannot create the folder {folder}: {reason}.</source>
        <translation>{folder} klasörü oluşturulamıyor: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write to {path}: permission denied. Choose a folder you may write to (--db PATH).</source>
        <translation>{path} konumuna yazılamıyor: izin reddedildi. Yazma izniniz olan bir klasör seçin (--db YOL).</translation>
    </message>
    <message>
        <source>{path} is not a Barınak database (it is not a SQLite file). It was left untouched; check the path given with --db.</source>
        <translation>{path} bir Barınak veritabanı değil (SQLite dosyası değil). Dosyaya dokunulmadı; --db ile verilen yolu kontrol edin.</translation>
    </message>
    <message>
        <source>The key does not open {path}: it belongs to another database. The file was left untouched.</source>
        <translation>Anahtar {path} dosyasını açmıyor: başka bir veritabanına ait. Dosyaya dokunulmadı.</translation>
    </message>
    <message>
        <source>The database {path} is damaged ({problem}). Nothing more can be saved to it; restore the latest backup.</source>
        <translation>{path} veritabanı hasarlı ({problem}). Artık ona hiçbir şey kaydedilemez; en son yedeği geri yükleyin.</translation>
    </message>
    <message>
        <source>{name} holds tables but is not a Barınak database; it was left untouched.</source>
        <translation>{name} tablolar içeriyor ancak bir Barınak veritabanı değil; dosyaya dokunulmadı.</translation>
    </message>
    <message>
        <source>{name} is empty, not a Barınak database; it was left untouched. Check the path given with --db, or create the database there with: shelter-app migrate</source>
        <translation>{name} boş, bir Barınak veritabanı değil; dokunulmadı. --db ile verilen yolu kontrol edin ya da veritabanını orada şu komutla oluşturun: shelter-app migrate</translation>
    </message>
    <message>
        <source>{name} was written by a newer version of Barınak (schema {revision}). Install the newer version to open it; the file was left untouched.</source>
        <translation>{name}, Barınak&apos;ın daha yeni bir sürümüyle yazıldı (şema {revision}). Açmak için yeni sürümü kurun; dosyaya dokunulmadı.</translation>
    </message>
    <message>
        <source>The database {path} is damaged ({problem}). It was left untouched; restore the latest backup.</source>
        <translation>{path} veritabanı hasarlı ({problem}). Dosyaya dokunulmadı; en son yedeği geri yükleyin.</translation>
    </message>
    <message>
        <source>{path} is encrypted: sign in, or give the recovery key, to open it.</source>
        <translation>{path} şifreli: açmak için giriş yapın ya da kurtarma anahtarını verin.</translation>
    </message>
    <message>
        <source>There is no database at {path}; check the path.</source>
        <translation>{path} konumunda veritabanı yok; yolu kontrol edin.</translation>
    </message>
    <message>
        <source>{target} is not a database URL; write postgresql+psycopg://USER:PASSWORD@HOST/NAME or the path of a file.</source>
        <translation>{target} bir veritabanı adresi (URL) değil; postgresql+psycopg://KULLANICI:PAROLA@SUNUCU/AD biçiminde bir adres ya da bir dosyanın yolunu yazın.</translation>
    </message>
    <message>
        <source>The database driver for {scheme} is not installed ({reason}); use postgresql+psycopg://USER:PASSWORD@HOST/NAME.</source>
        <translation>{scheme} için veritabanı sürücüsü kurulu değil ({reason}); postgresql+psycopg://KULLANICI:PAROLA@SUNUCU/AD biçimini kullanın.</translation>
    </message>
    <message>
        <source>Cannot reach the database server of {name} ({reason}); check the host and port, and that the server runs.</source>
        <translation>{name} veritabanı sunucusuna ulaşılamıyor ({reason}); sunucu adını ve bağlantı noktasını, sunucunun çalıştığını kontrol edin.</translation>
    </message>
    <message>
        <source>The database server refused the user name or password of {name}; check them.</source>
        <translation>Veritabanı sunucusu {name} için verilen kullanıcı adını veya parolayı kabul etmedi; ikisini de kontrol edin.</translation>
    </message>
    <message>
        <source>The database server of {name} has no database named {database}; check the name, or create it (createdb).</source>
        <translation>{name} veritabanı sunucusunda {database} adında bir veritabanı yok; adı kontrol edin ya da veritabanını oluşturun (createdb).</translation>
    </message>
    <message>
        <source>Cannot open {name}: {reason}.</source>
        <translation>{name} açılamıyor: {reason}.</translation>
    </message>
    <message>
        <source>The key file {path} is missing or damaged: the database cannot be unlocked without it. Restore it from a backup.</source>
        <translation>Anahtar dosyası {path} eksik ya da bozuk: veritabanı onsuz açılamaz. Bir yedekten geri yükleyin.</translation>
    </message>
    <message>
        <source>This recovery key does not open the database; check it letter by letter.</source>
        <translation>Bu kurtarma anahtarı veritabanını açmıyor; harf harf kontrol edin.</translation>
    </message>
    <message>
        <source>Only a database file on this computer is unlocked with a password.</source>
        <translation>Parolayla yalnızca bu bilgisayardaki bir veritabanı dosyası açılır.</translation>
    </message>
    <message>
        <source>Only a database file on this computer is unlocked with a recovery key.</source>
        <translation>Kurtarma anahtarıyla yalnızca bu bilgisayardaki bir veritabanı dosyası açılır.</translation>
    </message>
    <message>
        <source>This database is not encrypted; it has no recovery key.</source>
        <translation>Bu veritabanı şifreli değil; kurtarma anahtarı yok.</translation>
    </message>
    <message>
        <source>Encrypting {path} failed ({problem}); the database was left as it was.</source>
        <translation>{path} şifrelenemedi ({problem}); veritabanı olduğu gibi bırakıldı.</translation>
    </message>
    <message>
        <source>This laptop&apos;s copy of the data was erased.</source>
        <translation>Bu dizüstü bilgisayardaki veri kopyası silindi.</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <source>--size must be at least 1.</source>
        <translation>--size en az 1 olmalıdır.</translation>
    </message>
    <message numerus="yes">
        <source>The database already holds %n dwellings; demo data only goes into an empty database. Use --db to name a new file.</source>
        <translation>
            <numerusform>Veritabanında zaten %n konut var; örnek veriler yalnızca boş bir veritabanına eklenir. Yeni bir dosya için --db kullanın.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duplicates</name>
    <message>
        <source>reason</source>
        <translation>gerekçe</translation>
    </message>
    <message>
        <source>Enter the user name of the supervisor who confirms.</source>
        <translation>Onaylayan süpervizörün kullanıcı adını girin.</translation>
    </message>
    <message>
        <source>{name} is not a supervisor; a supervisor must confirm.</source>
        <translation>{name} süpervizör değil; onayı bir süpervizör vermelidir.</translation>
    </message>
    <message>
        <source>Same ID as another record, confirmed by supervisor {name}: {reason}</source>
        <translation>Başka bir kayıtla aynı kimlik numarası, süpervizör {name} onayladı: {reason}</translation>
    </message>
</context>
<context>
    <name>dwelling</name>
    <message>
        <source>Apartment flat</source>
        <translation>Apartman dairesi</translation>
    </message>
    <message>
        <source>Detached house</source>
        <translation>Müstakil ev</translation>
    </message>
    <message>
        <source>Basement flat</source>
        <translation>Bodrum katı dairesi</translation>
    </message>
    <message>
        <source>Annex or outbuilding</source>
        <translation>Ek bina ya da müştemilat</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Diğer</translation>
    </message>
    <message>
        <source>The floor area must be more than 0 m²; &apos;{raw}&apos; cannot be right.</source>
        <translation>Taban alanı 0 m²&apos;den büyük olmalı; &apos;{raw}&apos; doğru olamaz.</translation>
    </message>
    <message>
        <source>A floor area of {raw} m² is more than any rented family dwelling ({most} m² at most); check for a typing error, e.g. a missing decimal comma.</source>
        <translation>{raw} m² taban alanı, kiralık bir aile konutu için fazla (en çok {most} m²); yazım hatası olup olmadığını kontrol edin, ör. eksik ondalık virgül.</translation>
    </message>
    <message>
        <source>Enter the number of rooms as a whole number from 1 to {most}; &apos;{raw}&apos; is not one.</source>
        <translation>Oda sayısını 1 ile {most} arasında bir tam sayı olarak girin; &apos;{raw}&apos; tam sayı değil.</translation>
    </message>
    <message>
        <source>The position {lat}, {lon} is outside Türkiye. Check that latitude (about 36–42) and longitude (about 26–45) are not swapped or mistyped.</source>
        <translation>{lat}, {lon} konumu Türkiye dışında. Enlemin (yaklaşık 36–42) ve boylamın (yaklaşık 26–45) yer değiştirmediğini ya da yanlış yazılmadığını kontrol edin.</translation>
    </message>
    <message>
        <source>Enter both latitude and longitude, or neither.</source>
        <translation>Enlem ve boylamın ikisini de girin ya da hiçbirini girmeyin.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not a {name} in decimal degrees (from -{limit} to {limit}).</source>
        <translation>&apos;{raw}&apos; ondalık derece cinsinden bir {name} değil (-{limit} ile {limit} arası).</translation>
    </message>
    <message>
        <source>latitude</source>
        <translation>enlem</translation>
    </message>
    <message>
        <source>longitude</source>
        <translation>boylam</translation>
    </message>
</context>
<context>
    <name>dwellings</name>
    <message>
        <source>province</source>
        <translation>il</translation>
    </message>
    <message>
        <source>district</source>
        <translation>ilçe</translation>
    </message>
    <message>
        <source>neighbourhood (mahalle)</source>
        <translation>mahalle</translation>
    </message>
    <message>
        <source>street</source>
        <translation>cadde/sokak</translation>
    </message>
    <message>
        <source>building number</source>
        <translation>bina numarası</translation>
    </message>
    <message>
        <source>flat number</source>
        <translation>daire numarası</translation>
    </message>
    <message>
        <source>Choose the type of dwelling.</source>
        <translation>Konut türünü seçin.</translation>
    </message>
    <message>
        <source>Choose whether the landlord is a person or a company.</source>
        <translation>Kiraya verenin kişi mi şirket mi olduğunu seçin.</translation>
    </message>
    <message>
        <source>landlord&apos;s name</source>
        <translation>kiraya verenin adı</translation>
    </message>
    <message>
        <source>landlord&apos;s address</source>
        <translation>kiraya verenin adresi</translation>
    </message>
    <message>
        <source>No landlord {ref} exists; check the reference or enter a new landlord&apos;s name.</source>
        <translation>{ref} kiraya veren yok; numarayı kontrol edin ya da yeni bir kiraya verenin adını girin.</translation>
    </message>
    <message>
        <source>The landlord and the head of household have the same ID number; the programme supports tenants, not owners.</source>
        <translation>Kiraya veren ile hane reisinin kimlik numarası aynı; program kiraya verenleri değil kiracıları destekler.</translation>
    </message>
    <message>
        <source>This tax number is already registered as landlord {refs}; enter that reference instead of registering the company again.</source>
        <translation>Bu vergi numarası zaten {refs} kiraya veren olarak kayıtlı; şirketi yeniden kaydetmek yerine o numarayı girin.</translation>
    </message>
    <message>
        <source>No landlord {ref} exists; check the reference.</source>
        <translation>{ref} kiraya veren yok; numarayı kontrol edin.</translation>
    </message>
    <message>
        <source>No dwelling {ref} exists; check the reference.</source>
        <translation>{ref} konutu yok; numarayı kontrol edin.</translation>
    </message>
    <message numerus="yes">
        <source>%n people, {nationality}</source>
        <translation>
            <numerusform>%n kişi, {nationality}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Enter the {label}.</source>
        <translation>Lütfen {label} alanını doldurun.</translation>
    </message>
    <message numerus="yes">
        <source>The {label} is too long: %n characters, at most {most}.</source>
        <translation>
            <numerusform>Bu {label} çok uzun: %n karakter, en çok {most} olabilir.</numerusform>
        </translation>
    </message>
    <message>
        <source>The {label} {day} is in the future; enter the day it happened.</source>
        <translation>Bu {label} ({day}) gelecekte bir gün; gerçekleştiği günü girin.</translation>
    </message>
    <message>
        <source>The {label} {day} is before {earliest}; check the year.</source>
        <translation>Bu {label} ({day}), {earliest} tarihinden önce; yılı kontrol edin.</translation>
    </message>
</context>
<context>
    <name>files</name>
    <message>
        <source>{name} is encrypted and this database has no key to open it.</source>
        <translation>{name} şifreli ve bu veritabanında onu açacak anahtar yok.</translation>
    </message>
    <message>
        <source>{name} is damaged or was encrypted with another laptop&apos;s key.</source>
        <translation>{name} bozuk ya da başka bir dizüstü bilgisayarın anahtarıyla şifrelenmiş.</translation>
    </message>
</context>
<context>
    <name>first_run</name>
    <message>
        <source>Add at least one office: engineers and supervisors each work in an office.</source>
        <translation>En az bir ofis ekleyin: mühendislerin ve süpervizörlerin her biri bir ofiste çalışır.</translation>
    </message>
</context>
<context>
    <name>household</name>
    <message>
        <source>Girls 0–17</source>
        <translation>Kız çocuklar 0–17</translation>
    </message>
    <message>
        <source>Boys 0–17</source>
        <translation>Erkek çocuklar 0–17</translation>
    </message>
    <message>
        <source>Women 18–59</source>
        <translation>Kadınlar 18–59</translation>
    </message>
    <message>
        <source>Men 18–59</source>
        <translation>Erkekler 18–59</translation>
    </message>
    <message>
        <source>Women 60+</source>
        <translation>Kadınlar 60+</translation>
    </message>
    <message>
        <source>Men 60+</source>
        <translation>Erkekler 60+</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>Engellilik</translation>
    </message>
    <message>
        <source>Chronic illness</source>
        <translation>Kronik hastalık</translation>
    </message>
    <message>
        <source>Older person</source>
        <translation>Yaşlı kişi</translation>
    </message>
    <message>
        <source>Female-headed household</source>
        <translation>Kadının reisi olduğu hane</translation>
    </message>
    <message>
        <source>Child-headed household</source>
        <translation>Çocuğun reisi olduğu hane</translation>
    </message>
    <message>
        <source>Pregnant or lactating woman</source>
        <translation>Hamile ya da emziren kadın</translation>
    </message>
    <message>
        <source>Syrian</source>
        <translation>Suriye</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Türkiye</translation>
    </message>
    <message>
        <source>Afghan</source>
        <translation>Afganistan</translation>
    </message>
    <message>
        <source>Iraqi</source>
        <translation>Irak</translation>
    </message>
    <message>
        <source>Iranian</source>
        <translation>İran</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>Somali</translation>
    </message>
    <message>
        <source>The household&apos;s size is a whole number of people from 1 to {most}.</source>
        <translation>Hane büyüklüğü 1 ile {most} arasında tam bir kişi sayısıdır.</translation>
    </message>
    <message>
        <source>{band}: enter a whole number of people from 0 to {most}.</source>
        <translation>{band}: 0 ile {most} arasında tam sayı olarak kişi sayısı girin.</translation>
    </message>
    <message>
        <source>Count the household&apos;s members, the head included: at least one person.</source>
        <translation>Hane reisi dahil hane üyelerini sayın: en az bir kişi.</translation>
    </message>
</context>
<context>
    <name>households</name>
    <message>
        <source>name of the head of household</source>
        <translation>hane reisinin adı</translation>
    </message>
    <message>
        <source>nationality</source>
        <translation>uyruk</translation>
    </message>
    <message>
        <source>Choose the protection status.</source>
        <translation>Koruma statüsünü seçin.</translation>
    </message>
    <message>
        <source>Record the day the head of household consented to the processing of their data; without consent the programme may not register them.</source>
        <translation>Hane reisinin verilerinin işlenmesine onay verdiği günü kaydedin; onay olmadan program onları kaydedemez.</translation>
    </message>
    <message>
        <source>consent date</source>
        <translation>onay tarihi</translation>
    </message>
    <message>
        <source>This ID number is already registered as {refs}. If it is the same person, open that record instead of registering them twice; only a supervisor may confirm that both records are right.</source>
        <translation>Bu kimlik numarası zaten {refs} olarak kayıtlı. Aynı kişiyse iki kez kaydetmek yerine o kaydı açın; iki kaydın da doğru olduğunu yalnızca bir süpervizör onaylayabilir.</translation>
    </message>
</context>
<context>
    <name>iban</name>
    <message>
        <source>Enter the IBAN.</source>
        <translation>IBAN&apos;ı girin.</translation>
    </message>
    <message>
        <source>An IBAN has only letters and digits; remove &apos;{char}&apos;.</source>
        <translation>IBAN yalnızca harf ve rakamlardan oluşur; &apos;{char}&apos; karakterini silin.</translation>
    </message>
    <message>
        <source>Only Turkish IBANs can be used: it must start with TR, not &apos;{prefix}&apos;.</source>
        <translation>Yalnızca Türk IBAN&apos;ları kullanılabilir: &apos;{prefix}&apos; ile değil TR ile başlamalı.</translation>
    </message>
    <message numerus="yes">
        <source>A Turkish IBAN has 26 characters; this one has %n.</source>
        <translation>
            <numerusform>Türk IBAN&apos;ı 26 karakterdir; bu IBAN %n karakter.</numerusform>
        </translation>
    </message>
    <message>
        <source>Characters 3 and 4 of an IBAN are check digits; &apos;{digits}&apos; is not a number.</source>
        <translation>IBAN&apos;ın 3. ve 4. karakterleri kontrol basamaklarıdır; &apos;{digits}&apos; bir sayı değil.</translation>
    </message>
    <message>
        <source>Characters 5 to 9 of a Turkish IBAN are the bank code and must be digits.</source>
        <translation>Türk IBAN&apos;ının 5–9. karakterleri banka kodudur ve rakam olmalıdır.</translation>
    </message>
    <message>
        <source>Character 10 of a Turkish IBAN is the reserve digit and must be 0, not &apos;{char}&apos;.</source>
        <translation>Türk IBAN&apos;ının 10. karakteri rezerv basamaktır ve &apos;{char}&apos; değil 0 olmalıdır.</translation>
    </message>
    <message>
        <source>The IBAN check digits do not match; check for a typing error.</source>
        <translation>IBAN kontrol basamakları tutmuyor; yazım hatası olup olmadığını kontrol edin.</translation>
    </message>
</context>
<context>
    <name>ids</name>
    <message numerus="yes">
        <source>ID number must have 11 digits; &apos;{raw}&apos; has %n.</source>
        <translation>
            <numerusform>Kimlik numarası 11 haneli olmalı; &apos;{raw}&apos; %n haneli.</numerusform>
        </translation>
    </message>
    <message>
        <source>The check digits of foreign ID number {value} do not match. Compare it with the residence permit card; it is accepted because some issued numbers do not follow the checksum.</source>
        <translation>{value} yabancı kimlik numarasının kontrol basamakları tutmuyor. İkamet izni kartıyla karşılaştırın; verilmiş bazı numaralar sağlama kuralına uymadığı için kabul edildi.</translation>
    </message>
    <message>
        <source>A TC Kimlik No cannot start with 0; check the number {value}.</source>
        <translation>TC Kimlik No 0 ile başlayamaz; {value} numarasını kontrol edin.</translation>
    </message>
    <message>
        <source>The check digits of TC Kimlik No {value} do not match; check for a typing error.</source>
        <translation>{value} TC Kimlik No&apos;nun kontrol basamakları tutmuyor; yazım hatası olup olmadığını kontrol edin.</translation>
    </message>
    <message>
        <source>A company tax number has 10 digits; &apos;{raw}&apos; has 11. A person&apos;s tax number is their TC Kimlik No: enter it as the ID number instead.</source>
        <translation>Şirket vergi numarası 10 hanelidir; &apos;{raw}&apos; 11 haneli. Bir kişinin vergi numarası TC Kimlik No&apos;sudur: onu kimlik numarası olarak girin.</translation>
    </message>
    <message numerus="yes">
        <source>A company tax number has 10 digits; &apos;{raw}&apos; has %n.</source>
        <translation>
            <numerusform>Şirket vergi numarası 10 hanelidir; &apos;{raw}&apos; %n haneli.</numerusform>
        </translation>
    </message>
    <message>
        <source>The check digit of tax number {value} does not match; check for a typing error.</source>
        <translation>{value} vergi numarasının kontrol basamağı tutmuyor; yazım hatası olup olmadığını kontrol edin.</translation>
    </message>
    <message>
        <source>Enter the number.</source>
        <translation>Numarayı girin.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is a number Excel shortened, and its last digits may be lost: format the column as Text in Excel, type the numbers again and export anew.</source>
        <translation>&apos;{raw}&apos;, Excel&apos;in kısalttığı bir sayı; son basamakları kaybolmuş olabilir: Excel&apos;de sütunu Metin olarak biçimlendirin, numaraları yeniden yazın ve dosyayı yeniden dışa aktarın.</translation>
    </message>
    <message>
        <source>Use only the digits 0-9; remove &apos;{char}&apos; from &apos;{raw}&apos;.</source>
        <translation>Yalnızca 0-9 rakamlarını kullanın; &apos;{raw}&apos; içinden &apos;{char}&apos; karakterini silin.</translation>
    </message>
</context>
<context>
    <name>imports</name>
    <message>
        <source>Cannot import &apos;{name}&apos;; choose one of {kinds}.</source>
        <translation>&apos;{name}&apos; içe aktarılamaz; şunlardan birini seçin: {kinds}.</translation>
    </message>
    <message>
        <source>No household &apos;{value}&apos; is registered; give its reference (GAZ-H-000123) or its head&apos;s ID number, and import households first.</source>
        <translation>&apos;{value}&apos; hanesi kayıtlı değil; hanenin referans numarasını (GAZ-H-000123) ya da hane reisinin kimlik numarasını yazın ve önce haneleri içe aktarın.</translation>
    </message>
    <message>
        <source>Household (reference or head&apos;s ID)</source>
        <translation>Hane (referans numarası ya da hane reisinin kimlik numarası)</translation>
    </message>
    <message>
        <source>Landlord (reference, ID or tax number)</source>
        <translation>Kiraya veren (referans, kimlik ya da vergi numarası)</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>İl</translation>
    </message>
    <message>
        <source>District</source>
        <translation>İlçe</translation>
    </message>
    <message>
        <source>Neighbourhood</source>
        <translation>Mahalle</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Cadde/sokak</translation>
    </message>
    <message>
        <source>Building number</source>
        <translation>Bina numarası</translation>
    </message>
    <message>
        <source>Flat number</source>
        <translation>Daire numarası</translation>
    </message>
    <message>
        <source>Type of dwelling</source>
        <translation>Konut türü</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>Taban alanı (m²)</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Oda sayısı</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Enlem</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Boylam</translation>
    </message>
    <message>
        <source>GPS (Kobo geopoint)</source>
        <translation>GPS (Kobo geopoint)</translation>
    </message>
    <message>
        <source>dwellings</source>
        <translation>konutlar</translation>
    </message>
    <message>
        <source>Landlord: {field}</source>
        <translation>Kiraya veren: {field}</translation>
    </message>
    <message>
        <source>cases (household, dwelling and landlord per row)</source>
        <translation>vakalar (satır başına hane, konut ve kiraya veren)</translation>
    </message>
    <message>
        <source>The landlord and the head of household have the same ID number; the programme supports tenants, not owners.</source>
        <translation>Kiraya veren ile hane reisinin kimlik numarası aynı; program kiraya verenleri değil kiracıları destekler.</translation>
    </message>
    <message>
        <source>Landlord {number} is written differently on an earlier row ({name}); the earlier row&apos;s name, IBAN and phone are kept.</source>
        <translation>{number} numaralı kiraya veren önceki bir satırda farklı yazılmış ({name}); önceki satırdaki ad, IBAN ve telefon korunur.</translation>
    </message>
    <message>
        <source>Another landlord in this file ({number}) has the same IBAN; one account is paid for one landlord.</source>
        <translation>Bu dosyadaki başka bir kiraya veren ({number}) aynı IBAN&apos;a sahip; bir hesaba yalnızca bir kiraya veren için ödeme yapılır.</translation>
    </message>
    <message>
        <source>No landlord &apos;{value}&apos; is registered; give the landlord&apos;s reference, ID or tax number, and import landlords first.</source>
        <translation>&apos;{value}&apos; kiraya veren kayıtlı değil; kiraya verenin referans numarasını, kimlik ya da vergi numarasını yazın ve önce kiraya verenleri içe aktarın.</translation>
    </message>
    <message>
        <source>household at the same address</source>
        <translation>aynı adresteki hane</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Hane reisi</translation>
    </message>
    <message>
        <source>ID number (TCKN/YKN)</source>
        <translation>Kimlik numarası (TCKN/YKN)</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Uyruk</translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation>Koruma statüsü</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Açık rıza tarihi</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>Hane büyüklüğü</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>Kırılganlıklar</translation>
    </message>
    <message>
        <source>households</source>
        <translation>haneler</translation>
    </message>
    <message numerus="yes">
        <source>Only the household&apos;s size is given (%n people); its members by sex and age can be added in the household form.</source>
        <translation>
            <numerusform>Yalnızca hane büyüklüğü verilmiş (%n kişi); cinsiyet ve yaşa göre hane üyeleri hane formunda eklenebilir.</numerusform>
        </translation>
    </message>
    <message>
        <source>Each household member needs a sex (female/male) and an age in whole years; &apos;{sex}&apos;, &apos;{age}&apos; is not that.</source>
        <translation>Her hane üyesi için cinsiyet (kadın/erkek) ve tam yıl olarak yaş gerekir; &apos;{sex}&apos;, &apos;{age}&apos; bu koşula uymuyor.</translation>
    </message>
    <message>
        <source>Landlord&apos;s name or company title</source>
        <translation>Kiraya verenin adı ya da şirket unvanı</translation>
    </message>
    <message>
        <source>Person or company</source>
        <translation>Kişi ya da şirket</translation>
    </message>
    <message>
        <source>ID or tax number</source>
        <translation>Kimlik ya da vergi numarası</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>landlords</source>
        <translation>kiraya verenler</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Ad soyad</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Doğum tarihi</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Ödeme yöntemi</translation>
    </message>
    <message>
        <source>Work permit number</source>
        <translation>Çalışma izni numarası</translation>
    </message>
    <message>
        <source>Work permit expiry</source>
        <translation>Çalışma izni bitiş tarihi</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Beceriler</translation>
    </message>
    <message>
        <source>workers</source>
        <translation>işçiler</translation>
    </message>
    <message>
        <source>The column &apos;{column}&apos; fills {fields}; check that this is meant.</source>
        <translation>&apos;{column}&apos; sütunu şu alanları dolduruyor: {fields}; bunun istendiğini kontrol edin.</translation>
    </message>
    <message>
        <source>{path} is not a mapping file of this app ({error}); save one from the import dialog.</source>
        <translation>{path} bu uygulamanın eşleştirme dosyası değil ({error}); içe aktarma penceresinden bir eşleştirme dosyası kaydedin.</translation>
    </message>
    <message>
        <source>{path} is not a mapping file of this app; save one from the import dialog.</source>
        <translation>{path} bu uygulamanın eşleştirme dosyası değil; içe aktarma penceresinden bir eşleştirme dosyası kaydedin.</translation>
    </message>
    <message>
        <source>question “{question}” of the group “{group}”</source>
        <translation>“{group}” grubunun “{question}” sorusu</translation>
    </message>
    <message>
        <source>question “{question}” of the group “{group}”, as “{name}”</source>
        <translation>“{group}” grubunun “{question}” sorusu, “{name}” olarak</translation>
    </message>
    <message>
        <source>the column is called “{name}”</source>
        <translation>sütunun adı “{name}”</translation>
    </message>
    <message>
        <source>export metadata (submission, version, media link), not an answer</source>
        <translation>dışa aktarımın üst verisi (gönderim, sürüm, medya bağlantısı), bir yanıt değil</translation>
    </message>
    <message>
        <source>no field of this kind is called so; choose it by hand if it fills one</source>
        <translation>bu türün bu adda bir alanı yok; bir alanı dolduruyorsa elle seçin</translation>
    </message>
    <message>
        <source>{path} maps columns for {other}, not for {kind}; choose the mapping saved for {kind}.</source>
        <translation>{path}, sütunları {kind} için değil {other} için eşleştiriyor; {kind} için kaydedilen eşleştirmeyi seçin.</translation>
    </message>
    <message>
        <source>The file has no column {columns} that the mapping {path} names; adjust the mapping to this file&apos;s columns.</source>
        <translation>{path} eşleştirmesinde adı geçen {columns} sütunu dosyada yok; eşleştirmeyi bu dosyanın sütunlarına göre düzenleyin.</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Satır</translation>
    </message>
    <message>
        <source>Import status</source>
        <translation>İçe aktarma durumu</translation>
    </message>
    <message>
        <source>Import message</source>
        <translation>İçe aktarma iletisi</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>İçe aktarılmayanlar</translation>
    </message>
    <message>
        <source>Cannot write the report {path}: {error}. Choose another folder.</source>
        <translation>{path} raporu yazılamıyor: {error}. Başka bir klasör seçin.</translation>
    </message>
    <message>
        <source>Photo file</source>
        <translation>Fotoğraf dosyası</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotoğraflar</translation>
    </message>
    <message>
        <source>new</source>
        <translation>yeni</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>güncellendi</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>değişmedi</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>atlandı</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>reddedildi</translation>
    </message>
    <message>
        <source>not in the attachments folder</source>
        <translation>ek dosyalar klasöründe yok</translation>
    </message>
    <message>
        <source>import of {file}</source>
        <translation>{file} dosyasının içe aktarılması</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n rows were rejected and you chose all or nothing. Correct them (see the report) and import again.</source>
        <translation>
            <numerusform>Hiçbir şey içe aktarılmadı: %n satır reddedildi ve “Hepsi ya da hiçbiri” seçeneğini seçtiniz. Bu satırları düzeltin (rapora bakın) ve yeniden içe aktarın.</numerusform>
        </translation>
    </message>
    <message>
        <source>The same {what} as row {row}; a person or record is imported once.</source>
        <translation>{what}: {row}. satırdakiyle aynı; bir kişi ya da kayıt yalnızca bir kez içe aktarılır.</translation>
    </message>
    <message>
        <source>photo {name} is not in the attachments folder</source>
        <translation>{name} fotoğrafı ek dosyalar klasöründe yok</translation>
    </message>
    <message>
        <source>Needs a supervisor: {reasons}</source>
        <translation>Süpervizör onayı gerekiyor: {reasons}</translation>
    </message>
    <message>
        <source>Needs confirmation: {warnings}</source>
        <translation>Onay gerekiyor: {warnings}</translation>
    </message>
    <message>
        <source>{keys} belong to other registered records ({refs}); check the row against them.</source>
        <translation>{keys} sistemdeki başka kayıtlara ait ({refs}); satırı bu kayıtlarla karşılaştırın.</translation>
    </message>
    <message>
        <source>already registered as {ref}</source>
        <translation>zaten {ref} olarak kayıtlı</translation>
    </message>
    <message>
        <source>confirmed by supervisor {name}: {message}</source>
        <translation>süpervizör {name} onayladı: {message}</translation>
    </message>
    <message>
        <source>No office {code} exists; use one of {codes}.</source>
        <translation>{code} ofisi yok; şunlardan birini kullanın: {codes}.</translation>
    </message>
    <message>
        <source>Unicode (UTF-8)</source>
        <translation>Unicode (UTF-8)</translation>
    </message>
    <message>
        <source>Unicode (UTF-8 with BOM, Excel “CSV UTF-8”)</source>
        <translation>Unicode (BOM’lu UTF-8, Excel “CSV UTF-8”)</translation>
    </message>
    <message>
        <source>Windows Turkish (cp1254, Excel “CSV”)</source>
        <translation>Windows Türkçe (cp1254, Excel “CSV”)</translation>
    </message>
    <message>
        <source>Turkish (ISO 8859-9)</source>
        <translation>Türkçe (ISO 8859-9)</translation>
    </message>
    <message>
        <source>Windows Arabic (cp1256)</source>
        <translation>Windows Arapça (cp1256)</translation>
    </message>
    <message>
        <source>Unicode text (UTF-16, Excel “Unicode text”)</source>
        <translation>Unicode metin (UTF-16, Excel “Unicode Metin”)</translation>
    </message>
    <message>
        <source>Semicolon (;)</source>
        <translation>Noktalı virgül (;)</translation>
    </message>
    <message>
        <source>Comma (,)</source>
        <translation>Virgül (,)</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Sekme</translation>
    </message>
    <message>
        <source>Vertical bar (|)</source>
        <translation>Dikey çizgi (|)</translation>
    </message>
    <message>
        <source>{file} has no sheet &apos;{sheet}&apos;; choose one of: {sheets}.</source>
        <translation>{file} içinde “{sheet}” adlı sayfa yok; şunlardan birini seçin: {sheets}.</translation>
    </message>
    <message>
        <source>{file} cannot be opened ({reason}); check that it exists and is not open in another program.</source>
        <translation>{file} dosyası açılamıyor ({reason}); dosyanın var olduğunu ve başka bir programda açık olmadığını kontrol edin.</translation>
    </message>
    <message>
        <source>{file} is empty; export it again from Excel or Kobo and choose the new file.</source>
        <translation>{file} dosyası boş; dosyayı Excel’den ya da Kobo’dan yeniden dışa aktarın ve yeni dosyayı seçin.</translation>
    </message>
    <message>
        <source>{file} is an old Excel 97-2003 .xls workbook or a password-protected one: open it in Excel, remove any password and save it as .xlsx or CSV.</source>
        <translation>{file}, eski bir Excel 97-2003 .xls çalışma kitabı ya da parola korumalı bir çalışma kitabı: dosyayı Excel’de açın, varsa parolayı kaldırın ve .xlsx ya da CSV olarak kaydedin.</translation>
    </message>
    <message>
        <source>{file} is neither text nor an Excel workbook; choose the CSV or .xlsx export.</source>
        <translation>{file} ne metin ne de Excel çalışma kitabı; CSV ya da .xlsx dışa aktarımını seçin.</translation>
    </message>
    <message>
        <source>{file} is named {suffix} but holds CSV text; it was read as CSV.</source>
        <translation>{file} dosyasının uzantısı {suffix}, ancak dosya CSV metni içeriyor; CSV olarak okundu.</translation>
    </message>
    <message>
        <source>The text of {file} looks like UTF-8 read as {encoding} (letters such as “Ä±” or “Ã¼”); choose the encoding UTF-8.</source>
        <translation>{file} dosyasının metni, {encoding} olarak okunmuş UTF-8 metne benziyor (“Ä±” ya da “Ã¼” gibi harfler); UTF-8 kodlamasını seçin.</translation>
    </message>
    <message>
        <source>{separator!r} is not a separator this import reads; choose one of: {choices}.</source>
        <translation>{separator!r} bu içe aktarmanın okuyabildiği bir ayırıcı değil; şunlardan birini seçin: {choices}.</translation>
    </message>
    <message>
        <source>{file}: line {line} cannot be read as {encoding}; choose another encoding ({choices}).</source>
        <translation>{file}: {line}. satır {encoding} olarak okunamıyor; başka bir kodlama seçin ({choices}).</translation>
    </message>
    <message>
        <source>{encoding} is not a known encoding; choose one of: {choices}.</source>
        <translation>{encoding} bilinen bir kodlama değil; şunlardan birini seçin: {choices}.</translation>
    </message>
    <message>
        <source>The encoding of {file} was guessed as Windows Arabic (cp1256); if letters look wrong, choose another encoding.</source>
        <translation>{file} dosyasının karakter kodlaması Windows Arapça (cp1256) olarak tahmin edildi; harfler yanlış görünüyorsa başka bir kodlama seçin.</translation>
    </message>
    <message>
        <source>The encoding of {file} was guessed as Windows Turkish (cp1254); if letters look wrong, choose another encoding.</source>
        <translation>{file} dosyasının kodlamasının Windows Türkçe (cp1254) olduğu tahmin edildi; harfler yanlış görünüyorsa başka bir kodlama seçin.</translation>
    </message>
    <message>
        <source>{file}: line {line} holds binary data (a NUL character); export the file again from Excel or Kobo.</source>
        <translation>{file}: {line}. satırda ikili veri (NUL karakteri) var; dosyayı Excel’den ya da Kobo’dan yeniden dışa aktarın.</translation>
    </message>
    <message numerus="yes">
        <source>{file}: the value starting on line {line} is longer than %n characters; a quote (&quot;) is probably not closed: fix it in a text editor or export the file again.</source>
        <translation>
            <numerusform>{file}: {line}. satırda başlayan değer %n karakterden uzun; büyük olasılıkla bir tırnak işareti (&quot;) kapatılmamış: bunu bir metin düzenleyicide düzeltin ya da dosyayı yeniden dışa aktarın.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file} has more than %n rows; split it into files of at most %n rows and import them one after the other.</source>
        <translation>
            <numerusform>{file} dosyasında %n satırdan fazla satır var; dosyayı en çok %n satırlık dosyalara bölün ve bunları sırayla içe aktarın.</numerusform>
        </translation>
    </message>
    <message>
        <source>Row {row} has {values} but the header has {columns}; the file may mix separators or have a line break inside a value.</source>
        <translation>{row}. satırda {values} var, ancak başlık satırında {columns} var; dosyada farklı ayırıcılar karışmış ya da bir değerin içinde satır sonu olabilir.</translation>
    </message>
    <message numerus="yes">
        <source>%n values</source>
        <translation>
            <numerusform>%n değer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n columns</source>
        <translation>
            <numerusform>%n sütun</numerusform>
        </translation>
    </message>
    <message>
        <source>{file} is a zip archive but not an Excel workbook; save it from its program as .xlsx or CSV.</source>
        <translation>{file} bir zip arşivi, ancak Excel çalışma kitabı değil; dosyayı oluşturan programda .xlsx ya da CSV olarak kaydedin.</translation>
    </message>
    <message>
        <source>{file} is damaged or incomplete; copy it again from where it came from, or export it again.</source>
        <translation>{file} dosyası hasarlı ya da eksik; dosyayı geldiği yerden yeniden kopyalayın ya da yeniden dışa aktarın.</translation>
    </message>
    <message>
        <source>Sheet “{sheet}” has no header row (a row naming two or more columns); it was not read.</source>
        <translation>“{sheet}” sayfasında başlık satırı (iki ya da daha fazla sütunu adlandıran bir satır) yok; bu sayfa okunmadı.</translation>
    </message>
    <message>
        <source>Row {row} has a value in column {column}, which has no header; type a header above that column or clear its values.</source>
        <translation>{row}. satırda, başlığı olmayan {column} sütununda bir değer var; bu sütunun üstüne bir başlık yazın ya da sütundaki değerleri silin.</translation>
    </message>
    <message>
        <source>Column {letter}</source>
        <translation>{letter} sütunu</translation>
    </message>
    <message>
        <source>Cell {cell} holds a formula ({formula}); paste its value instead (Excel: Paste Special › Values).</source>
        <translation>{cell} hücresinde bir formül var ({formula}); bunun yerine formülün değerini yapıştırın (Excel: Özel Yapıştır › Değerler).</translation>
    </message>
    <message>
        <source>Cell {cell} shows the Excel error {error}; correct the cell in Excel and import again.</source>
        <translation>{cell} hücresinde Excel hatası {error} görünüyor; hücreyi Excel&apos;de düzeltip yeniden içe aktarın.</translation>
    </message>
    <message>
        <source>{file} has no header row (a row naming two or more columns); add one with a name above each column.</source>
        <translation>{file} dosyasında başlık satırı (iki ya da daha fazla sütunu adlandıran bir satır) yok; her sütunun üstüne bir ad yazarak bir başlık satırı ekleyin.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Evet</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Hayır</translation>
    </message>
    <message>
        <source>Dwelling (reference, or household)</source>
        <translation>Konut (referans numarası ya da hane)</translation>
    </message>
    <message>
        <source>Assessment date</source>
        <translation>Değerlendirme tarihi</translation>
    </message>
    <message>
        <source>Occupants</source>
        <translation>Konutta yaşayan kişi sayısı</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Uygun</translation>
    </message>
    <message>
        <source>Reason for the decision</source>
        <translation>Kararın gerekçesi</translation>
    </message>
    <message>
        <source>Final assessment</source>
        <translation>Son değerlendirme</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notlar</translation>
    </message>
    <message>
        <source>assessments</source>
        <translation>değerlendirmeler</translation>
    </message>
    <message>
        <source>No dwelling &apos;{value}&apos; is registered; give the dwelling&apos;s reference (GAZ-D-000123), or its household&apos;s reference or head&apos;s ID number.</source>
        <translation>&apos;{value}&apos; konutu kayıtlı değil; konutun referans numarasını (GAZ-D-000123) ya da hanesinin referans numarasını veya hane reisinin kimlik numarasını yazın.</translation>
    </message>
    <message>
        <source>assessment of the same dwelling on the same day</source>
        <translation>aynı konutun aynı gündeki değerlendirmesi</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not a date; write it as 25.11.2026.</source>
        <translation>&apos;{raw}&apos; bir tarih değil; tarihi 25.11.2026 biçiminde yazın.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is neither yes nor no; write Evet/Hayır, Yes/No or 1/0.</source>
        <translation>&apos;{raw}&apos; ne evet ne hayır; Evet/Hayır, Yes/No ya da 1/0 yazın.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not one of the choices ({choices}).</source>
        <translation>&apos;{raw}&apos; seçeneklerden biri değil ({choices}).</translation>
    </message>
    <message>
        <source>The form&apos;s scale has the values {values}, not 1 to {levels}; map each to the app&apos;s levels by hand.</source>
        <translation>Formun ölçeğindeki değerler {values}; 1 ile {levels} arası değil. Her birini uygulamanın düzeylerine elle eşleştirin.</translation>
    </message>
    <message>
        <source>form {pairs}</source>
        <translation>form {pairs}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is a number on the form&apos;s scale, and whether 1 is the best or the worst state is not written in the file; choose the direction in the values step (command line: --scale).</source>
        <translation>&apos;{value}&apos; formun ölçeğinde bir sayı ve dosyada 1&apos;in en iyi mi en kötü durum mu olduğu yazmıyor; yönü değerler adımında seçin (komut satırında: --scale).</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; has no value in this app; choose one for it in the values step (or in the mapping file&apos;s &quot;values&quot;).</source>
        <translation>&apos;{value}&apos; için bu uygulamada bir değer yok; değerler adımında (ya da eşleştirme dosyasının &quot;values&quot; bölümünde) bir değer seçin.</translation>
    </message>
</context>
<context>
    <name>labour</name>
    <message>
        <source>{day} is in timesheet {ref}, which is approved and locked; only a supervisor can reopen it.</source>
        <translation>{day}, onaylanmış ve kilitli {ref} puantajında; yalnızca bir süpervizör yeniden açabilir.</translation>
    </message>
    <message>
        <source>{day} is in timesheet {ref}, which is submitted for approval; it can be changed if the supervisor returns it.</source>
        <translation>{day}, onaya gönderilmiş {ref} puantajında; süpervizör geri gönderirse değiştirilebilir.</translation>
    </message>
    <message>
        <source>{ref} is at stage &quot;{stage}&quot;; labour is logged once its works are in progress.</source>
        <translation>{ref} &quot;{stage}&quot; aşamasında; işçilik, işler başladıktan sonra kaydedilir.</translation>
    </message>
    <message>
        <source>That worker does not exist any more.</source>
        <translation>Bu işçi artık yok.</translation>
    </message>
    <message>
        <source>task</source>
        <translation>görev</translation>
    </message>
    <message>
        <source>Log a full or a half day.</source>
        <translation>Tam ya da yarım gün kaydedin.</translation>
    </message>
    <message>
        <source>Log the day before giving its task.</source>
        <translation>Görevini vermeden önce günü kaydedin.</translation>
    </message>
</context>
<context>
    <name>landlord_kind</name>
    <message>
        <source>Person</source>
        <translation>Kişi</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Şirket</translation>
    </message>
</context>
<context>
    <name>landlords</name>
    <message>
        <source>Choose whether the landlord is a person or a company.</source>
        <translation>Kiraya verenin kişi mi şirket mi olduğunu seçin.</translation>
    </message>
    <message>
        <source>landlord&apos;s name or company title</source>
        <translation>kiraya verenin adı ya da şirket unvanı</translation>
    </message>
    <message>
        <source>landlord&apos;s address</source>
        <translation>kiraya verenin adresi</translation>
    </message>
    <message>
        <source>This tax number is already registered as landlord {refs}; open that record instead of registering the company twice.</source>
        <translation>Bu vergi numarası zaten {refs} kiraya veren olarak kayıtlı; şirketi iki kez kaydetmek yerine o kaydı açın.</translation>
    </message>
    <message>
        <source>This IBAN already belongs to {refs}. Check it with the landlord&apos;s bank papers; save again only if it is right.</source>
        <translation>Bu IBAN zaten {refs} kaydına ait. Kiraya verenin banka belgeleriyle karşılaştırın; yalnızca doğruysa yeniden kaydedin.</translation>
    </message>
    <message>
        <source>No landlord {ref} exists; check the reference.</source>
        <translation>{ref} kiraya veren yok; numarayı kontrol edin.</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>Interface language</source>
        <translation>Arayüz dili</translation>
    </message>
    <message>
        <source>Your interface language is {language}; Barınak shows it from the next start.</source>
        <translation>Arayüz diliniz {language}; Barınak bunu bir sonraki açılışta gösterir.</translation>
    </message>
</context>
<context>
    <name>lease</name>
    <message>
        <source>Draft</source>
        <translation>Taslak</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Basıldı</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>İmzalandı</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Yürürlükte</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Sona erdi</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Feshedildi</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>İhlal edildi</translation>
    </message>
    <message>
        <source>Agreement {number} is {status}; it cannot become {target}. Possible next: {allowed}.</source>
        <translation>{number} sözleşmesinin durumu {status}; {target} durumuna geçemez. Olası sonraki durum: {allowed}.</translation>
    </message>
    <message>
        <source>nothing (the agreement is closed)</source>
        <translation>hiçbiri (sözleşme kapandı)</translation>
    </message>
    <message>
        <source>Agreement {number} starts on {start}; it can be made active from that day, not on {today}.</source>
        <translation>{number} sözleşmesi {start} tarihinde başlıyor; {today} tarihinde değil, o günden itibaren yürürlüğe alınabilir.</translation>
    </message>
    <message>
        <source>The {label} must be a whole number; &apos;{raw}&apos; is not one.</source>
        <translation>Bu {label} bir tam sayı olmalı; &apos;{raw}&apos; tam sayı değil.</translation>
    </message>
    <message>
        <source>An amount cannot be negative.</source>
        <translation>Bir tutar negatif olamaz.</translation>
    </message>
    <message>
        <source>term in months</source>
        <translation>ay olarak süre</translation>
    </message>
    <message>
        <source>Enter the start date.</source>
        <translation>Başlangıç tarihini girin.</translation>
    </message>
    <message>
        <source>The end date {end} is not after the start date {start}; the end must come after the start.</source>
        <translation>Bitiş tarihi {end}, başlangıç tarihi {start} sonrasında değil; bitiş başlangıçtan sonra gelmelidir.</translation>
    </message>
    <message>
        <source>Enter the monthly rent (more than 0 TL).</source>
        <translation>Aylık kirayı girin (0 TL&apos;den fazla).</translation>
    </message>
    <message>
        <source>number of rent-free months</source>
        <translation>kirasız ay sayısı</translation>
    </message>
    <message>
        <source>{free} rent-free months leave no rent in a {term}-month term; enter fewer rent-free months.</source>
        <translation>{term} aylık sürede {free} kirasız ay, ödenecek kira bırakmıyor; daha az kirasız ay girin.</translation>
    </message>
    <message>
        <source>A rent of {threshold} a month or more must be paid through a bank or PTT: record the landlord&apos;s IBAN first.</source>
        <translation>Aylık {threshold} ve üzeri kira banka ya da PTT aracılığıyla ödenmelidir: önce kiraya verenin IBAN&apos;ını kaydedin.</translation>
    </message>
    <message>
        <source>Print the contract in one of {pairs}, not &apos;{value}&apos;.</source>
        <translation>Sözleşmeyi &apos;{value}&apos; ile değil, şunlardan biriyle basın: {pairs}.</translation>
    </message>
    <message>
        <source>the rent was raised: {paid} paid, {agreed} agreed</source>
        <translation>kira artırıldı: {paid} ödendi, {agreed} kararlaştırılmıştı</translation>
    </message>
    <message>
        <source>payment day</source>
        <translation>ödeme günü</translation>
    </message>
    <message numerus="yes">
        <source>The term must be 1 to %n months (TBK 344/3); {term} is not allowed.</source>
        <translation>
            <numerusform>Süre 1 ile %n ay arasında olmalıdır (TBK 344/3); {term} olamaz.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A term of %n months from {start} ends on {end}, not on {given}; correct the end date or the term.</source>
        <translation>
            <numerusform>{start} tarihinden başlayan %n aylık süre {given} tarihinde değil, {end} tarihinde biter; bitiş tarihini ya da süreyi düzeltin.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The deposit {deposit} is more than %n months&apos; rent ({cap}), the most TBK 342 allows; lower the deposit.</source>
        <translation>
            <numerusform>{deposit} güvence bedeli, TBK 342&apos;nin izin verdiği en yüksek tutar olan %n aylık kiradan ({cap}) fazla; güvence bedelini düşürün.</numerusform>
        </translation>
    </message>
    <message>
        <source>The payment day must be {first} to {last}, a day every month has.</source>
        <translation>Ödeme günü {first} ile {last} arasında, her ayda bulunan bir gün olmalıdır.</translation>
    </message>
    <message>
        <source>the household no longer lives in the dwelling</source>
        <translation>hane artık konutta yaşamıyor</translation>
    </message>
</context>
<context>
    <name>lists</name>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>members</name>
    <message>
        <source>Head of household</source>
        <translation>Hane reisi</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>Eşi</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Çocuğu</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Annesi ya da babası</translation>
    </message>
    <message>
        <source>Brother or sister</source>
        <translation>Kardeşi</translation>
    </message>
    <message>
        <source>Grandchild</source>
        <translation>Torunu</translation>
    </message>
    <message>
        <source>Other relative</source>
        <translation>Başka bir akrabası</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Kadın</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Erkek</translation>
    </message>
    <message>
        <source>Write this name in Latin letters, as on the Turkish ID card; the Arabic spelling has its own field.</source>
        <translation>Bu adı Türk kimlik kartındaki gibi Latin harfleriyle yazın; Arapça yazılışın ayrı bir alanı var.</translation>
    </message>
    <message>
        <source>Write this name in Arabic letters; the Latin spelling has its own field.</source>
        <translation>Bu adı Arap harfleriyle yazın; Latin harfleriyle yazılışın ayrı bir alanı var.</translation>
    </message>
    <message>
        <source>Enter the age in whole years, 0 to {most}, or the date of birth.</source>
        <translation>Yaşı 0 ile {most} arasında tam yıl olarak ya da doğum tarihini girin.</translation>
    </message>
    <message>
        <source>name in Latin letters</source>
        <translation>Latin harfleriyle ad</translation>
    </message>
    <message>
        <source>name in Arabic letters</source>
        <translation>Arap harfleriyle ad</translation>
    </message>
    <message>
        <source>Choose female or male.</source>
        <translation>Kadın ya da erkek seçin.</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>doğum tarihi</translation>
    </message>
    <message>
        <source>Choose the relation to the head of household.</source>
        <translation>Hane reisine yakınlığını seçin.</translation>
    </message>
    <message>
        <source>This ID number is already on another member of this household.</source>
        <translation>Bu kimlik numarası bu hanenin başka bir üyesinde zaten kayıtlı.</translation>
    </message>
    <message>
        <source>This member is no longer in the register; refresh the list.</source>
        <translation>Bu üye artık listede yok; listeyi yenileyin.</translation>
    </message>
</context>
<context>
    <name>money</name>
    <message>
        <source>Enter a number.</source>
        <translation>Bir sayı girin.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not a number; write it like 1.234,56 or 1234.56.</source>
        <translation>&apos;{raw}&apos; bir sayı değil; 1.234,56 ya da 1234.56 gibi yazın.</translation>
    </message>
    <message numerus="yes">
        <source>&apos;{raw}&apos; has %n decimal places; at most {places} are allowed. A single &apos;.&apos; is read as a decimal point: for thousands write 1234 or 1.234,00.</source>
        <translation>
            <numerusform>&apos;{raw}&apos; %n ondalık basamak içeriyor; en çok {places} basamağa izin verilir. Tek bir &apos;.&apos; ondalık ayırıcı olarak okunur: binler için 1234 ya da 1.234,00 yazın.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&apos;{raw}&apos; has %n decimal places; at most {places} are allowed.</source>
        <translation>
            <numerusform>&apos;{raw}&apos; %n ondalık basamak içeriyor; en çok {places} basamağa izin verilir.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>monitoring</name>
    <message>
        <source>notes</source>
        <translation>notlar</translation>
    </message>
    <message>
        <source>{number} is {status}; visits are recorded while an agreement is active.</source>
        <translation>{number} durumu {status}; ziyaretler sözleşme yürürlükteyken kaydedilir.</translation>
    </message>
    <message>
        <source>visit date</source>
        <translation>ziyaret tarihi</translation>
    </message>
    <message>
        <source>Found at the monitoring visit of {day}: {finding}.</source>
        <translation>{day} tarihli izleme ziyaretinde saptandı: {finding}.</translation>
    </message>
</context>
<context>
    <name>offices</name>
    <message>
        <source>Enter the programme&apos;s name.</source>
        <translation>Programın adını girin.</translation>
    </message>
    <message numerus="yes">
        <source>The programme&apos;s name is too long: at most %n characters.</source>
        <translation>
            <numerusform>Programın adı çok uzun: en fazla %n karakter.</numerusform>
        </translation>
    </message>
    <message>
        <source>The code {code} is already used by the office “{name}”; choose another code.</source>
        <translation>{code} kodu zaten “{name}” ofisi tarafından kullanılıyor; başka bir kod seçin.</translation>
    </message>
    <message>
        <source>An office code is exactly 3 Latin letters A-Z, such as GAZ (it starts every reference the office issues: GAZ-D-000123).</source>
        <translation>Ofis kodu tam olarak 3 Latin harfidir (A-Z), örneğin GAZ (ofisin verdiği her referansın başında yer alır: GAZ-D-000123).</translation>
    </message>
    <message>
        <source>{province} is not a province of Türkiye; enter one of the 81 provinces, such as Gaziantep or Şanlıurfa.</source>
        <translation>{province}, Türkiye&apos;nin bir ili değil; 81 ilden birini girin, örneğin Gaziantep veya Şanlıurfa.</translation>
    </message>
    <message>
        <source>Enter the office&apos;s name.</source>
        <translation>Ofisin adını girin.</translation>
    </message>
    <message numerus="yes">
        <source>The office&apos;s name is too long: at most %n characters.</source>
        <translation>
            <numerusform>Ofisin adı çok uzun: en fazla %n karakter.</numerusform>
        </translation>
    </message>
    <message>
        <source>No office {code} exists; the offices are: {codes}.</source>
        <translation>{code} adında bir ofis yok; ofisler şunlar: {codes}.</translation>
    </message>
    <message>
        <source>The office {code} is already closed.</source>
        <translation>{code} ofisi zaten kapalı.</translation>
    </message>
    <message>
        <source>The office {code} is open.</source>
        <translation>{code} ofisi açık.</translation>
    </message>
    <message>
        <source>The budget cannot be negative; enter the amount in TL, or nothing to clear it.</source>
        <translation>Bütçe eksi olamaz; tutarı TL olarak girin ya da silmek için boş bırakın.</translation>
    </message>
</context>
<context>
    <name>payment_method</name>
    <message>
        <source>Bank transfer (IBAN)</source>
        <translation>Banka havalesi (IBAN)</translation>
    </message>
    <message>
        <source>Cash at PTT</source>
        <translation>PTT&apos;den nakit</translation>
    </message>
</context>
<context>
    <name>payments</name>
    <message>
        <source>Draft</source>
        <translation>Taslak</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Dışa aktarıldı</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Ödendi</translation>
    </message>
    <message>
        <source>No approved timesheet of {period} waits for payment; approve timesheets first.</source>
        <translation>{period} dönemine ait ödeme bekleyen onaylı puantaj yok; önce puantajları onaylayın.</translation>
    </message>
    <message>
        <source>That payment batch does not exist any more.</source>
        <translation>Bu ödeme listesi artık yok.</translation>
    </message>
    <message>
        <source>Batch {ref} belongs to another office.</source>
        <translation>{ref} ödeme listesi başka bir ofise ait.</translation>
    </message>
    <message>
        <source>Choose a payment batch.</source>
        <translation>Bir ödeme listesi seçin.</translation>
    </message>
    <message>
        <source>Batch {ref} was built for {built} but its days now come to {now}: a daily rate for {period} was changed afterwards. Restore the rate, or ask a supervisor to reopen the timesheets.</source>
        <translation>{ref} ödeme listesi {built} için hazırlandı, ancak günleri şimdi {now} tutuyor: {period} dönemi için günlük ücret sonradan değiştirildi. Ücreti eski haline getirin ya da bir süpervizörden puantajları yeniden açmasını isteyin.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>{path} yazılamıyor: {error}</translation>
    </message>
    <message>
        <source>Export as xlsx or csv, not {fmt}.</source>
        <translation>{fmt} değil, xlsx ya da csv olarak dışa aktarın.</translation>
    </message>
    <message>
        <source>Batch {ref} is {status}; only an exported batch can be marked paid.</source>
        <translation>{ref} ödeme listesinin durumu {status}; yalnızca dışa aktarılmış bir liste ödendi olarak işaretlenebilir.</translation>
    </message>
    <message>
        <source>The payment date is in the future.</source>
        <translation>Ödeme tarihi gelecekte.</translation>
    </message>
</context>
<context>
    <name>permissions</name>
    <message>
        <source>view cases</source>
        <translation>vakaları görüntüleme</translation>
    </message>
    <message>
        <source>edit cases</source>
        <translation>vakaları düzenleme</translation>
    </message>
    <message>
        <source>submit for approval</source>
        <translation>onaya gönderme</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>onaylama</translation>
    </message>
    <message>
        <source>reopen approved records</source>
        <translation>onaylı kayıtları yeniden açma</translation>
    </message>
    <message>
        <source>confirm an ID number registered on two people</source>
        <translation>iki kişide kayıtlı bir kimlik numarasını onaylama</translation>
    </message>
    <message>
        <source>see ID numbers and IBANs</source>
        <translation>kimlik numaralarını ve IBAN&apos;ları görme</translation>
    </message>
    <message>
        <source>view the audit trail</source>
        <translation>denetim kaydını görüntüleme</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>kullanıcıları yönetme</translation>
    </message>
    <message>
        <source>manage offices</source>
        <translation>ofisleri yönetme</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>ayarları değiştirme</translation>
    </message>
    <message>
        <source>make backups</source>
        <translation>yedek alma</translation>
    </message>
    <message>
        <source>restore backups</source>
        <translation>yedekleri geri yükleme</translation>
    </message>
    <message>
        <source>export a person&apos;s data</source>
        <translation>bir kişinin verilerini dışa aktarma</translation>
    </message>
    <message>
        <source>erase or pseudonymise a person</source>
        <translation>bir kişiyi silme ya da takma adlandırma</translation>
    </message>
</context>
<context>
    <name>phone</name>
    <message>
        <source>Enter the mobile number.</source>
        <translation>Cep telefonu numarasını girin.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not a phone number; type digits, e.g. 0532 123 45 67.</source>
        <translation>&apos;{raw}&apos; bir telefon numarası değil; rakamlarla yazın, ör. 0532 123 45 67.</translation>
    </message>
    <message>
        <source>Only Turkish mobile numbers (+90 5xx) can be stored; &apos;{raw}&apos; is not one.</source>
        <translation>Yalnızca Türkiye cep telefonu numaraları (+90 5xx) kaydedilebilir; &apos;{raw}&apos; öyle değil.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not a Turkish mobile number: after the leading 0 it has 10 digits starting with 5, e.g. 0532 123 45 67.</source>
        <translation>&apos;{raw}&apos; bir Türkiye cep telefonu numarası değil: baştaki 0&apos;dan sonra 5 ile başlayan 10 rakam olur, ör. 0532 123 45 67.</translation>
    </message>
</context>
<context>
    <name>photos</name>
    <message>
        <source>cannot be read ({detail}).</source>
        <translation>okunamıyor ({detail}).</translation>
    </message>
    <message>
        <source>the file is empty; copy it from the camera again.</source>
        <translation>dosya boş; kameradan yeniden kopyalayın.</translation>
    </message>
    <message>
        <source>the file is {detail} MB, more than a photo can be; choose the photo itself.</source>
        <translation>dosya {detail} MB, bir fotoğraf bu kadar büyük olamaz; fotoğrafın kendisini seçin.</translation>
    </message>
    <message>
        <source>this is not a photo (its content is not JPEG, PNG or WebP), whatever its name says.</source>
        <translation>adı ne derse desin bu bir fotoğraf değil (içeriği JPEG, PNG ya da WebP değil).</translation>
    </message>
    <message>
        <source>{detail} files are not accepted; save the photo as JPEG (on an iPhone: Settings &gt; Camera &gt; Formats &gt; Most Compatible).</source>
        <translation>{detail} dosyaları kabul edilmez; fotoğrafı JPEG olarak kaydedin (iPhone&apos;da: Ayarlar &gt; Kamera &gt; Formatlar &gt; En Uyumlu).</translation>
    </message>
    <message>
        <source>the photo is damaged or incomplete ({detail}); copy it from the camera again.</source>
        <translation>fotoğraf hasarlı ya da eksik ({detail}); kameradan yeniden kopyalayın.</translation>
    </message>
    <message>
        <source>the picture has {detail} megapixels, too many to open safely; save a smaller copy.</source>
        <translation>resim {detail} megapiksel, güvenle açılamayacak kadar büyük; daha küçük bir kopyasını kaydedin.</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>içe aktarıldı</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>yinelenen</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>reddedildi</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>içe aktarılmadı</translation>
    </message>
    <message>
        <source>the import was cancelled before this file.</source>
        <translation>içe aktarma bu dosyadan önce iptal edildi.</translation>
    </message>
    <message>
        <source>The tag {tag} is unknown; use before, during or after.</source>
        <translation>{tag} etiketi bilinmiyor; before (önce), during (sırasında) ya da after (sonra) kullanın.</translation>
    </message>
    <message>
        <source>already among this dwelling&apos;s photos (as {name}); not imported again.</source>
        <translation>zaten bu konutun fotoğrafları arasında ({name} olarak); yeniden içe aktarılmadı.</translation>
    </message>
    <message>
        <source>could not be saved in {folder} ({reason}); nothing of it was kept.</source>
        <translation>{folder} klasörüne kaydedilemedi ({reason}); hiçbir parçası saklanmadı.</translation>
    </message>
    <message>
        <source>not imported: the import stopped when a photo could not be saved ({reason}).</source>
        <translation>içe aktarılmadı: bir fotoğraf kaydedilemeyince içe aktarma durdu ({reason}).</translation>
    </message>
    <message>
        <source>its GPS position ({latitude}, {longitude}) is outside Türkiye; check the camera&apos;s location setting, or that this is the right photo.</source>
        <translation>GPS konumu ({latitude}, {longitude}) Türkiye dışında; kameranın konum ayarını ya da bunun doğru fotoğraf olup olmadığını kontrol edin.</translation>
    </message>
    <message>
        <source>the same photo is also on dwelling {ref}; check it belongs to both.</source>
        <translation>aynı fotoğraf {ref} konutunda da var; ikisine de ait olduğunu kontrol edin.</translation>
    </message>
    <message>
        <source>This photo no longer exists; it may have been removed. Reopen the dwelling&apos;s photos.</source>
        <translation>Bu fotoğraf artık yok; kaldırılmış olabilir. Konutun fotoğraflarını yeniden açın.</translation>
    </message>
    <message numerus="yes">
        <source>The caption has %n characters; shorten it to {max}.</source>
        <translation>
            <numerusform>Açıklama %n karakter; {max} karaktere kısaltın.</numerusform>
        </translation>
    </message>
    <message>
        <source>{component} is not an assessment component; choose one from the list.</source>
        <translation>{component} bir değerlendirme bileşeni değil; listeden birini seçin.</translation>
    </message>
    <message>
        <source>That assessment is not one of this dwelling&apos;s; choose one from the list.</source>
        <translation>Bu değerlendirme bu konuta ait değil; listeden birini seçin.</translation>
    </message>
</context>
<context>
    <name>preferences</name>
    <message>
        <source>&apos;{code}&apos; is not an interface language; choose one of {choices}.</source>
        <translation>&apos;{code}&apos; bir arayüz dili değil; şunlardan birini seçin: {choices}.</translation>
    </message>
    <message>
        <source>This account has no preferences to keep.</source>
        <translation>Bu hesabın saklanacak tercihleri yok.</translation>
    </message>
</context>
<context>
    <name>privacy</name>
    <message>
        <source>household</source>
        <translation>hane</translation>
    </message>
    <message>
        <source>landlord</source>
        <translation>kiraya veren</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>işçi</translation>
    </message>
    <message>
        <source>The consent date {day} is in the future; enter the day the consent form was signed.</source>
        <translation>Onay tarihi {day} gelecekte; onay formunun imzalandığı günü girin.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}. Choose a folder you can write to.</source>
        <translation>{path} yazılamıyor: {error}. Yazma izniniz olan bir klasör seçin.</translation>
    </message>
    <message>
        <source>the retention period ended</source>
        <translation>saklama süresi doldu</translation>
    </message>
    <message>
        <source>the person asked for erasure</source>
        <translation>kişi silinmesini istedi</translation>
    </message>
    <message>
        <source>consent was withdrawn</source>
        <translation>açık rıza geri alındı</translation>
    </message>
    <message>
        <source>the data is no longer needed</source>
        <translation>verilere artık ihtiyaç yok</translation>
    </message>
    <message>
        <source>other (see the note)</source>
        <translation>diğer (nota bakın)</translation>
    </message>
    <message>
        <source>Choose the reason for erasing this person&apos;s data: {choices}.</source>
        <translation>Bu kişinin verilerini silme gerekçesini seçin: {choices}.</translation>
    </message>
    <message>
        <source>With the reason &quot;other&quot;, write a short note saying why (the person&apos;s name and numbers are left out of it).</source>
        <translation>&quot;other&quot; gerekçesiyle nedenini anlatan kısa bir not yazın (kişinin adı ve numaraları nota alınmaz).</translation>
    </message>
    <message numerus="yes">
        <source>The note has %n characters; shorten it to {limit}.</source>
        <translation>
            <numerusform>Not %n karakter; {limit} karaktere kısaltın.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{ref} has %n labour days not yet paid; pay them before erasing the data.</source>
        <translation>
            <numerusform>{ref} için henüz ödenmemiş %n iş günü var; verileri silmeden önce ödeyin.</numerusform>
        </translation>
    </message>
    <message>
        <source>{ref} is a party to agreement {number}, which is still open; end it before erasing the data.</source>
        <translation>{ref}, hâlâ açık olan {number} sözleşmesinin tarafı; verileri silmeden önce sözleşmeyi sonlandırın.</translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; is not a kind of person; use household, landlord or worker.</source>
        <translation>&apos;{kind}&apos; bir kişi türü değil; household (hane), landlord (kiraya veren) ya da worker (işçi) kullanın.</translation>
    </message>
    <message>
        <source>No {kind} {ref} exists; check the reference.</source>
        <translation>{ref} numaralı {kind} yok; numarayı kontrol edin.</translation>
    </message>
    <message>
        <source>{ref} belongs to another office; ask that office or an administrator.</source>
        <translation>{ref} başka bir ofise ait; o ofise ya da bir yöneticiye başvurun.</translation>
    </message>
</context>
<context>
    <name>protection_status</name>
    <message>
        <source>Temporary protection</source>
        <translation>Geçici koruma</translation>
    </message>
    <message>
        <source>International protection</source>
        <translation>Uluslararası koruma</translation>
    </message>
    <message>
        <source>Host community</source>
        <translation>Ev sahibi topluluk</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Diğer</translation>
    </message>
</context>
<context>
    <name>reopen</name>
    <message>
        <source>BoQ</source>
        <translation>Keşif</translation>
    </message>
    <message>
        <source>Timesheet</source>
        <translation>Puantaj</translation>
    </message>
    <message>
        <source>Your role may not ask to reopen an approved record.</source>
        <translation>Rolünüz onaylı bir kaydın yeniden açılmasını isteyemez.</translation>
    </message>
    <message>
        <source>A reopen request is only asked, approved or returned.</source>
        <translation>Yeniden açma talebi yalnızca istenir, onaylanır ya da geri gönderilir.</translation>
    </message>
    <message>
        <source>Only a supervisor approves or returns a reopen request.</source>
        <translation>Yeniden açma talebini yalnızca süpervizör onaylar ya da geri gönderir.</translation>
    </message>
    <message>
        <source>This reopen request was already decided.</source>
        <translation>Bu yeniden açma talebi hakkında zaten karar verildi.</translation>
    </message>
    <message>
        <source>Say why the approved record must change; the supervisor decides on it.</source>
        <translation>Onaylı kaydın neden değişmesi gerektiğini yazın; kararı süpervizör verir.</translation>
    </message>
    <message>
        <source>{ref} is {status}: only an approved record is locked, so there is nothing to reopen.</source>
        <translation>{ref} durumu: {status}. Yalnızca onaylı kayıt kilitlidir; yeniden açılacak bir şey yok.</translation>
    </message>
    <message>
        <source>A request to reopen {ref} already waits for the supervisor.</source>
        <translation>{ref} için bir yeniden açma talebi zaten süpervizörü bekliyor.</translation>
    </message>
    <message>
        <source>That reopen request does not exist any more.</source>
        <translation>Bu yeniden açma talebi artık yok.</translation>
    </message>
    <message>
        <source>Say why the request is returned, so the engineer knows.</source>
        <translation>Mühendis bilsin diye talebin neden geri gönderildiğini yazın.</translation>
    </message>
    <message>
        <source>Ask to reopen {ref}</source>
        <translation>{ref} kaydının yeniden açılmasını iste</translation>
    </message>
    <message>
        <source>What must change, and why? The supervisor sees this beside the record.</source>
        <translation>Ne değişmeli, neden? Süpervizör bunu kaydın yanında görür.</translation>
    </message>
    <message>
        <source>The request to reopen {ref} waits for the supervisor.</source>
        <translation>{ref} için yeniden açma talebi süpervizörü bekliyor.</translation>
    </message>
    <message>
        <source>Sending the request to reopen {ref}…</source>
        <translation>{ref} için yeniden açma talebi gönderiliyor…</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Office {code}</source>
        <translation>{code} ofisi</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>Tüm ofisler</translation>
    </message>
    <message>
        <source>whole programme</source>
        <translation>programın tamamı</translation>
    </message>
    <message>
        <source>{office}, {period}; agreements as of {today}</source>
        <translation>{office}, {period}; sözleşmeler {today} itibarıyla</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Yürürlükte</translation>
    </message>
    <message>
        <source>Visit overdue</source>
        <translation>Ziyareti gecikmiş</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>İhlal edildi</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Toplam</translation>
    </message>
    <message>
        <source>Cases per stage</source>
        <translation>Aşamaya göre vakalar</translation>
    </message>
    <message>
        <source>Cases registered by the end of the period, by the stage they are at today (the app keeps no history of stages).</source>
        <translation>Dönem sonuna kadar kaydedilen vakalar, bugün bulundukları aşamaya göre (uygulama aşama geçmişini tutmaz).</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Ofis</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Bütçe</translation>
    </message>
    <message>
        <source>Cash-for-work paid</source>
        <translation>Ödenen çalışma karşılığı nakit</translation>
    </message>
    <message>
        <source>Budget and spending per office (TL)</source>
        <translation>Ofis başına bütçe ve harcama (TL)</translation>
    </message>
    <message>
        <source>Budget and spending</source>
        <translation>Bütçe ve harcama</translation>
    </message>
    <message>
        <source>BoQs by the day they were approved (each case&apos;s approved revision); cash-for-work payment batches marked paid, by their month. Payments to contractors or for materials are not recorded in the app, so they are not counted. An office without a budget: an administrator sets it on the Offices page.</source>
        <translation>Keşifler onaylandıkları güne göre (her vakanın onaylı revizyonu); ödendi olarak işaretlenen çalışma karşılığı nakit ödeme listeleri aylarına göre. Yüklenicilere ya da malzemeye yapılan ödemeler uygulamada kaydedilmediği için sayılmaz. Bütçesi olmayan ofisin bütçesini yönetici Ofisler sayfasında belirler.</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Kalan</translation>
    </message>
    <message>
        <source>Days worked</source>
        <translation>Çalışılan gün</translation>
    </message>
    <message>
        <source>Pay at the daily rate (TL)</source>
        <translation>Yevmiyeyle ücret (TL)</translation>
    </message>
    <message>
        <source>Cash-for-work per month</source>
        <translation>Aylara göre çalışma karşılığı nakit</translation>
    </message>
    <message>
        <source>Days logged in the period and their pay at the daily rate in force on each day.</source>
        <translation>Dönemde girilen günler ve her gün geçerli yevmiyeyle ücretleri.</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Ay</translation>
    </message>
    <message>
        <source>Agreements on {day}</source>
        <translation>{day} tarihinde sözleşmeler</translation>
    </message>
    <message>
        <source>Landlord agreements as they stand today.</source>
        <translation>Kiraya veren sözleşmelerinin bugünkü durumu.</translation>
    </message>
    <message>
        <source>Landlord agreements on the last day of the period, read from their dates: one that has been active counts from its start to its end date, one ended early too.</source>
        <translation>Dönemin son gününde kiraya veren sözleşmeleri, tarihlerinden okunur: yürürlüğe girmiş bir sözleşme başlangıcından bitiş tarihine kadar sayılır, erken sona ermiş olsa da.</translation>
    </message>
    <message>
        <source>Households whose first landlord agreement was signed in the period (secure tenancy; the works follow), with the people in them.</source>
        <translation>İlk kiraya veren sözleşmesi dönem içinde imzalanan haneler (güvenceli kiracılık; ardından onarım gelir) ve içlerindeki kişiler.</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Kişi</translation>
    </message>
    <message numerus="yes">
        <source>Ending within %n days</source>
        <translation>
            <numerusform>%n gün içinde bitiyor</numerusform>
        </translation>
    </message>
    <message>
        <source>Approved BoQs (incl. VAT)</source>
        <translation>Onaylı keşifler (KDV dahil)</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Hane</translation>
    </message>
    <message>
        <source>People reached by sex and age</source>
        <translation>Cinsiyet ve yaşa göre ulaşılan kişiler</translation>
    </message>
    <message>
        <source>Reached by nationality</source>
        <translation>Uyruğa göre ulaşılanlar</translation>
    </message>
    <message>
        <source>Reached with a disability in the household</source>
        <translation>Hanesinde engelli birey olan ulaşılanlar</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grup</translation>
    </message>
    <message>
        <source>Everyone reached</source>
        <translation>Ulaşılan herkes</translation>
    </message>
    <message>
        <source>With a disability in the household</source>
        <translation>Hanede engelli birey olan</translation>
    </message>
    <message>
        <source>Households and people reached</source>
        <translation>Ulaşılan haneler ve kişiler</translation>
    </message>
    <message>
        <source>Programme report</source>
        <translation>Program raporu</translation>
    </message>
    <message>
        <source>Made on {day}</source>
        <translation>Hazırlanma tarihi: {day}</translation>
    </message>
    <message>
        <source>The report is saved as .xlsx or .pdf; &apos;{name}&apos; ends otherwise.</source>
        <translation>Rapor .xlsx ya da .pdf olarak kaydedilir; &apos;{name}&apos; başka bir uzantıyla bitiyor.</translation>
    </message>
    <message>
        <source>The period ends before it starts: choose a &apos;to&apos; date on or after the &apos;from&apos; date.</source>
        <translation>Dönem başlamadan bitiyor: başlangıç tarihiyle aynı ya da daha sonraki bir bitiş tarihi seçin.</translation>
    </message>
    <message>
        <source>You see the reports of your own office only; {code} is another office.</source>
        <translation>Yalnızca kendi ofisinizin raporlarını görürsünüz; {code} başka bir ofis.</translation>
    </message>
</context>
<context>
    <name>role</name>
    <message>
        <source>engineer</source>
        <translation>mühendis</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>süpervizör</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>yönetici</translation>
    </message>
</context>
<context>
    <name>run_busy</name>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
</context>
<context>
    <name>stage</name>
    <message>
        <source>Registered</source>
        <translation>Kayıtlı</translation>
    </message>
    <message>
        <source>Assessed</source>
        <translation>Değerlendirildi</translation>
    </message>
    <message>
        <source>BoQ drafted</source>
        <translation>Keşif hazırlandı</translation>
    </message>
    <message>
        <source>BoQ approved</source>
        <translation>Keşif onaylandı</translation>
    </message>
    <message>
        <source>Agreement signed</source>
        <translation>Sözleşme imzalandı</translation>
    </message>
    <message>
        <source>Works in progress</source>
        <translation>İşler sürüyor</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Tamamlandı</translation>
    </message>
    <message>
        <source>Monitored</source>
        <translation>İzleniyor</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>{url} is not a server address; write https://HOST or http://HOST:PORT.</source>
        <translation>{url} bir sunucu adresi değil; https://SUNUCU ya da http://SUNUCU:PORT yazın.</translation>
    </message>
    <message>
        <source>This laptop is not enrolled with a server; enrol it first (shelter-app enrol URL CODE).</source>
        <translation>Bu bilgisayar bir sunucuyla eşleştirilmemiş; önce eşleştirin (shelter-app enrol URL CODE).</translation>
    </message>
    <message>
        <source>The server failed on this request; nothing of it was applied. Try again later; if it persists, tell the administrator.</source>
        <translation>Sunucu bu istekte hata verdi; hiçbir kısmı uygulanmadı. Daha sonra yeniden deneyin; sorun sürerse yöneticiye bildirin.</translation>
    </message>
    <message>
        <source>The request has no enrolment code.</source>
        <translation>İstekte eşleştirme kodu yok.</translation>
    </message>
    <message>
        <source>cursor and limit must be whole numbers ≥ 0.</source>
        <translation>cursor ve limit, 0 ya da daha büyük tam sayılar olmalıdır.</translation>
    </message>
    <message>
        <source>A chunk needs its file&apos;s size and its offset.</source>
        <translation>Bir parça, dosyasının boyutunu ve kendi konumunu belirtmeli.</translation>
    </message>
    <message>
        <source>This change&apos;s id was already used by another laptop; it was not applied.</source>
        <translation>Bu değişikliğin kimliği başka bir bilgisayar tarafından zaten kullanılmış; değişiklik uygulanmadı.</translation>
    </message>
    <message>
        <source>{table}, {field}: {reason}</source>
        <translation>{table}, {field}: {reason}</translation>
    </message>
    <message>
        <source>The server has no such {table} record; it may have been erased.</source>
        <translation>Sunucuda böyle bir {table} kaydı yok; silinmiş olabilir.</translation>
    </message>
    <message>
        <source>{table}: the new record lacks {fields}.</source>
        <translation>{table}: yeni kayıtta {fields} eksik.</translation>
    </message>
    <message>
        <source>Changed on another machine too: {fields}; a supervisor decides.</source>
        <translation>Başka bir bilgisayarda da değiştirildi: {fields}; kararı bir süpervizör verir.</translation>
    </message>
    <message>
        <source>synced from {device}</source>
        <translation>{device} bilgisayarından eşitlendi</translation>
    </message>
    <message>
        <source>The server&apos;s database refused this change ({reason}); a reference may already be in use on another laptop.</source>
        <translation>Sunucunun veritabanı bu değişikliği reddetti ({reason}); bir numara başka bir bilgisayarda zaten kullanılıyor olabilir.</translation>
    </message>
    <message>
        <source>The server sent a row of an unknown table {table}; update the app.</source>
        <translation>Sunucu bilinmeyen bir tablodan ({table}) bir satır gönderdi; uygulamayı güncelleyin.</translation>
    </message>
    <message>
        <source>The server sent a {table} row that cannot be stored ({reason}); nothing of the page was applied.</source>
        <translation>Sunucu saklanamayan bir {table} satırı gönderdi ({reason}); bu sayfanın hiçbir kısmı uygulanmadı.</translation>
    </message>
    <message>
        <source>The server cannot be reached ({reason}); your work stays on this laptop and goes at the next sync.</source>
        <translation>Sunucuya ulaşılamıyor ({reason}); çalışmanız bu bilgisayarda kalır ve bir sonraki eşitlemede gönderilir.</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>zamanında yanıt gelmedi</translation>
    </message>
    <message>
        <source>no connection: check the address and the network</source>
        <translation>bağlantı kurulamadı: adresi ve ağı kontrol edin</translation>
    </message>
    <message>
        <source>The server answered {status}; try again later.</source>
        <translation>Sunucu {status} yanıtını verdi; daha sonra yeniden deneyin.</translation>
    </message>
    <message>
        <source>This laptop is already enrolled as {name}.</source>
        <translation>Bu bilgisayar zaten {name} adıyla eşleştirilmiş.</translation>
    </message>
    <message>
        <source>This database already holds a programme of its own. Enrol a new, empty database (start the app with --db NEW_FILE), or make this database the server&apos;s.</source>
        <translation>Bu veritabanında zaten kendine ait bir program var. Yeni ve boş bir veritabanını eşleştirin (uygulamayı --db YENİ_DOSYA ile başlatın) ya da bu veritabanını sunucunun veritabanı yapın.</translation>
    </message>
    <message>
        <source>{reason} This laptop&apos;s copy of the programme&apos;s data has been erased.</source>
        <translation>{reason} Programın bu dizüstü bilgisayardaki veri kopyası silindi.</translation>
    </message>
    <message>
        <source>The server&apos;s answer does not match the ops sent; nothing was marked as sent.</source>
        <translation>Sunucunun yanıtı gönderilen işlemlerle eşleşmiyor; hiçbir şey gönderildi olarak işaretlenmedi.</translation>
    </message>
    <message>
        <source>The server&apos;s page of changes cannot be read; nothing of it was applied.</source>
        <translation>Sunucunun gönderdiği değişiklik sayfası okunamıyor; hiçbir kısmı uygulanmadı.</translation>
    </message>
    <message>
        <source>conflict resolved</source>
        <translation>çakışma çözüldü</translation>
    </message>
    <message>
        <source>This conflict no longer exists.</source>
        <translation>Bu çakışma artık yok.</translation>
    </message>
    <message>
        <source>This conflict was already resolved.</source>
        <translation>Bu çakışma zaten çözülmüş.</translation>
    </message>
    <message>
        <source>This conflict belongs to another office.</source>
        <translation>Bu çakışma başka bir ofise ait.</translation>
    </message>
    <message>
        <source>The record of this conflict is no longer on this laptop.</source>
        <translation>Bu çakışmanın kaydı artık bu bilgisayarda değil.</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <translation>{field}: {reason}</translation>
    </message>
    <message>
        <source>Give the laptop a name of 1 to 80 characters.</source>
        <translation>Bilgisayara 1 ile 80 karakter arasında bir ad verin.</translation>
    </message>
    <message>
        <source>There is no office {code}.</source>
        <translation>{code} ofisi yok.</translation>
    </message>
    <message numerus="yes">
        <source>Every device mark is in use (%n laptops); no laptop can be added.</source>
        <translation>
            <numerusform>Tüm cihaz işaretleri kullanımda (%n bilgisayar); yeni bilgisayar eklenemez.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no device {name}.</source>
        <translation>{name} adında bir cihaz yok.</translation>
    </message>
    <message>
        <source>This enrolment code is unknown or was already used; ask the administrator for a new one.</source>
        <translation>Bu eşleştirme kodu bilinmiyor ya da daha önce kullanılmış; yöneticiden yeni bir kod isteyin.</translation>
    </message>
    <message>
        <source>This enrolment code has expired; ask the administrator for a new one.</source>
        <translation>Bu eşleştirme kodunun süresi dolmuş; yöneticiden yeni bir kod isteyin.</translation>
    </message>
    <message>
        <source>An administrator revoked {name}; add a new device for this laptop.</source>
        <translation>Bir yönetici {name} cihazını iptal etti; bu bilgisayar için yeni bir cihaz ekleyin.</translation>
    </message>
    <message>
        <source>{name} is enrolled already; add a new device for another laptop (shelter-app device add).</source>
        <translation>{name} zaten eşleştirilmiş; başka bir bilgisayar için yeni bir cihaz ekleyin (shelter-app device add).</translation>
    </message>
    <message>
        <source>This laptop is not enrolled with the server; enrol it with an administrator&apos;s code.</source>
        <translation>Bu bilgisayar sunucuyla eşleştirilmemiş; bir yöneticinin verdiği kodla eşleştirin.</translation>
    </message>
    <message>
        <source>The server does not know this laptop; enrol it again with a new code from an administrator.</source>
        <translation>Sunucu bu bilgisayarı tanımıyor; bir yöneticiden alacağınız yeni bir kodla yeniden eşleştirin.</translation>
    </message>
    <message>
        <source>An administrator revoked this laptop on {day}; it may no longer sync. Ask for a new enrolment code.</source>
        <translation>Bir yönetici bu bilgisayarı {day} tarihinde iptal etti; artık eşitleme yapamaz. Yeni bir eşleştirme kodu isteyin.</translation>
    </message>
    <message numerus="yes">
        <source>The request is %n bytes, over the limit of {limit}; send smaller batches.</source>
        <translation>
            <numerusform>İstek %n bayt, {limit} sınırını aşıyor; daha küçük parçalar halinde gönderin.</numerusform>
        </translation>
    </message>
    <message>
        <source>The request is not valid JSON ({reason}).</source>
        <translation>İstek geçerli bir JSON değil ({reason}).</translation>
    </message>
    <message>
        <source>The request must be a JSON object.</source>
        <translation>İstek bir JSON nesnesi olmalıdır.</translation>
    </message>
    <message>
        <source>The request does not say its schema revision.</source>
        <translation>İstek, şema sürümünü belirtmiyor.</translation>
    </message>
    <message>
        <source>This laptop runs schema {theirs}, newer than the server&apos;s {ours}: the server must be updated first. Nothing was applied.</source>
        <translation>Bu bilgisayar {theirs} şemasını kullanıyor; bu, sunucunun şemasından ({ours}) daha yeni: önce sunucu güncellenmeli. Hiçbir şey uygulanmadı.</translation>
    </message>
    <message>
        <source>This laptop runs schema {theirs}, the server {ours}: update the app on this laptop, then sync again. Nothing was applied.</source>
        <translation>Bu bilgisayar {theirs} şemasını, sunucu {ours} şemasını kullanıyor: bu bilgisayardaki uygulamayı güncelleyin, sonra yeniden eşitleyin. Hiçbir şey uygulanmadı.</translation>
    </message>
    <message>
        <source>The request has no list of ops.</source>
        <translation>İstekte işlem listesi yok.</translation>
    </message>
    <message numerus="yes">
        <source>%n ops in one request; at most {limit} are accepted.</source>
        <translation>
            <numerusform>Tek istekte %n işlem var; en fazla {limit} işlem kabul edilir.</numerusform>
        </translation>
    </message>
    <message>
        <source>Op {index}: its op_id appears twice in the request.</source>
        <translation>İşlem {index}: op_id değeri istekte iki kez geçiyor.</translation>
    </message>
    <message>
        <source>Op {index}: {fault}</source>
        <translation>İşlem {index}: {fault}</translation>
    </message>
    <message>
        <source>not an object.</source>
        <translation>bir nesne değil.</translation>
    </message>
    <message>
        <source>unknown table {table}.</source>
        <translation>bilinmeyen tablo {table}.</translation>
    </message>
    <message>
        <source>unknown action {action}.</source>
        <translation>bilinmeyen eylem {action}.</translation>
    </message>
    <message>
        <source>fields must be an object.</source>
        <translation>fields bir nesne olmalıdır.</translation>
    </message>
    <message>
        <source>unknown field {field} of {table}.</source>
        <translation>{table} tablosunda bilinmeyen alan {field}.</translation>
    </message>
    <message>
        <source>base_version must be a whole number ≥ 0.</source>
        <translation>base_version, 0 ya da daha büyük bir tam sayı olmalıdır.</translation>
    </message>
    <message>
        <source>hlc must be a clock stamp such as 1764061200000-00000-A.</source>
        <translation>hlc, 1764061200000-00000-A gibi bir saat damgası olmalıdır.</translation>
    </message>
    <message>
        <source>op_id, row_id, user_id and created_at must be UUIDs and a UTC time.</source>
        <translation>op_id, row_id ve user_id birer UUID, created_at ise bir UTC zamanı olmalıdır.</translation>
    </message>
    <message>
        <source>The change names no user; sign in and save it again.</source>
        <translation>Değişiklikte kullanıcı belirtilmemiş; giriş yapıp yeniden kaydedin.</translation>
    </message>
    <message>
        <source>The server does not know the user who made this change.</source>
        <translation>Sunucu bu değişikliği yapan kullanıcıyı tanımıyor.</translation>
    </message>
    <message>
        <source>The user who made this change is deactivated.</source>
        <translation>Bu değişikliği yapan kullanıcı devre dışı bırakılmış.</translation>
    </message>
    <message>
        <source>Only a supervisor resolves conflicts.</source>
        <translation>Çakışmaları yalnızca bir süpervizör çözebilir.</translation>
    </message>
    <message>
        <source>Your role ({role}) may not edit cases.</source>
        <translation>Rolünüzün ({role}) vakaları düzenleme yetkisi yok.</translation>
    </message>
    <message>
        <source>{field}: {value} is not a valid IBAN.</source>
        <translation>{field}: {value} geçerli bir IBAN değil.</translation>
    </message>
    <message>
        <source>Timesheet {ref} keeps the site and period it was made for; make a new timesheet for other days.</source>
        <translation>{ref} puantajı oluşturulduğu şantiye ve dönemde kalır; başka günler için yeni bir puantaj oluşturun.</translation>
    </message>
    <message>
        <source>This record belongs to another office than this laptop&apos;s; it was not applied.</source>
        <translation>Bu kayıt, bu bilgisayarın ofisinden başka bir ofise ait; değişiklik uygulanmadı.</translation>
    </message>
    <message>
        <source>This record belongs to another office than the user&apos;s; it was not applied.</source>
        <translation>Bu kayıt, kullanıcının ofisinden başka bir ofise ait; değişiklik uygulanmadı.</translation>
    </message>
    <message>
        <source>The office {code} ({name}) was closed on {day} and takes no new cases; it was not applied.</source>
        <translation>{code} ({name}) ofisi {day} tarihinde kapatıldı ve yeni vaka almıyor; değişiklik uygulanmadı.</translation>
    </message>
    <message>
        <source>A laptop may only resolve a conflict, in the name of the supervisor who resolves it; the server records conflicts.</source>
        <translation>Bir bilgisayar çakışmayı yalnızca onu çözen süpervizör adına çözebilir; çakışmaları sunucu kaydeder.</translation>
    </message>
    <message>
        <source>Only an administrator may change {table} records, so this change of {record} was not applied; if it is needed, ask an administrator to make it.</source>
        <translation>Yalnızca bir yönetici {table} kayıtlarını değiştirebilir; bu yüzden {record} kaydındaki bu değişiklik uygulanmadı. Gerekiyorsa bu değişikliği yapmasını bir yöneticiden isteyin.</translation>
    </message>
    <message>
        <source>Payment batch {ref} cannot change so: a batch is built as a draft, exported, then paid, and only a draft&apos;s total changes.</source>
        <translation>{ref} ödeme listesi bu şekilde değiştirilemez: bir liste taslak olarak oluşturulur, dışa aktarılır, sonra ödenir; yalnızca taslağın toplamı değişebilir.</translation>
    </message>
    <message>
        <source>Payment batch {ref} of {month} was not taken: the server already has a batch {ref}, built on {day} for {total}. This laptop&apos;s batch has been removed; each of its timesheets is now in the server&apos;s batch or free again. After this sync, build {month}&apos;s batch again for those still waiting; if this batch&apos;s payment list was sent to finance, withdraw it.</source>
        <translation>{month} dönemine ait {ref} ödeme listesi alınmadı: sunucuda {day} tarihinde {total} tutarıyla hazırlanmış bir {ref} listesi zaten var. Bu bilgisayardaki liste kaldırıldı; puantajlarının her biri artık ya sunucudaki listede ya da yeniden bir ödeme listesini bekliyor. Bu eşitlemeden sonra, hâlâ bekleyen puantajlar için {month} ödeme listesini yeniden hazırlayın; bu liste finansa gönderildiyse geri çekin.</translation>
    </message>
    <message>
        <source>Timesheet {ref} is deleted; it cannot go into a payment batch.</source>
        <translation>{ref} puantajı silinmiş; bir ödeme listesine giremez.</translation>
    </message>
    <message>
        <source>Timesheet {ref} is not approved; only an approved timesheet goes into a payment batch.</source>
        <translation>{ref} puantajı onaylı değil; ödeme listesine yalnızca onaylı bir puantaj girer.</translation>
    </message>
    <message>
        <source>Timesheet {ref} is already in payment batch {batch}; a timesheet is paid once.</source>
        <translation>{ref} puantajı zaten {batch} ödeme listesinde; bir puantaj yalnızca bir kez ödenir.</translation>
    </message>
    <message>
        <source>Timesheet {ref} was not put into a payment batch: the server has no such batch (it refused it); the timesheet waits for its month&apos;s next batch.</source>
        <translation>{ref} puantajı bir ödeme listesine alınmadı: sunucuda böyle bir liste yok (sunucu onu reddetti); puantaj, ayının bir sonraki ödeme listesini bekliyor.</translation>
    </message>
    <message>
        <source>Only a supervisor approves or returns.</source>
        <translation>Yalnızca bir süpervizör onaylayabilir ya da geri gönderebilir.</translation>
    </message>
    <message>
        <source>Only a submitted record can be approved or returned; this one is {status}.</source>
        <translation>Yalnızca gönderilmiş bir kayıt onaylanabilir ya da geri gönderilebilir; bu kaydın durumu {status}.</translation>
    </message>
    <message>
        <source>Your role may not submit for approval.</source>
        <translation>Rolünüzün onaya gönderme yetkisi yok.</translation>
    </message>
    <message>
        <source>Only a supervisor reopens an approved record.</source>
        <translation>Onaylanmış bir kaydı yalnızca süpervizör yeniden açar.</translation>
    </message>
    <message>
        <source>This record is approved and locked; a supervisor must reopen it first.</source>
        <translation>Bu kayıt onaylandı ve kilitli; önce bir süpervizörün onu yeniden açması gerekir.</translation>
    </message>
    <message>
        <source>This database holds a change log but is not marked as a server.</source>
        <translation>Bu veritabanında bir değişiklik günlüğü var, ancak sunucu olarak işaretlenmemiş.</translation>
    </message>
    <message>
        <source>Unknown kind of file {kind}.</source>
        <translation>Bilinmeyen dosya türü {kind}.</translation>
    </message>
    <message>
        <source>A file is named by its SHA-256 in 64 hexadecimal digits, not {name}.</source>
        <translation>Bir dosya, 64 onaltılık basamaklı SHA-256 özetiyle adlandırılır; {name} olmaz.</translation>
    </message>
    <message>
        <source>files must be a list of at most {limit} [kind, sha256] pairs.</source>
        <translation>files en fazla {limit} [tür, sha256] çiftinden oluşan bir liste olmalı.</translation>
    </message>
    <message>
        <source>A photo or scan is named by the hash of its bytes.</source>
        <translation>Bir fotoğraf ya da tarama, baytlarının özetiyle adlandırılır.</translation>
    </message>
    <message numerus="yes">
        <source>A chunk must lie within a file of 1 byte to %n bytes.</source>
        <translation>
            <numerusform>Bir parça, 1 ile %n bayt arasındaki bir dosyanın içinde kalmalı.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server holds %n bytes of this file; send from there.</source>
        <translation>
            <numerusform>Sunucuda bu dosyanın %n baytı var; oradan devam ederek gönderin.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file received does not have the hash it was sent with; it was thrown away. Send it again.</source>
        <translation>Alınan dosya, gönderildiği özetle uyuşmuyor; silindi. Yeniden gönderin.</translation>
    </message>
    <message>
        <source>The server does not hold this file (yet).</source>
        <translation>Bu dosya sunucuda (henüz) yok.</translation>
    </message>
    <message>
        <source>This file is not a Barınak sync package, or it is cut short; nothing was applied.</source>
        <translation>Bu dosya bir Barınak eşitleme paketi değil ya da yarım kalmış; hiçbir şey uygulanmadı.</translation>
    </message>
    <message>
        <source>{file} cannot be read ({reason}).</source>
        <translation>{file} okunamıyor ({reason}).</translation>
    </message>
    <message>
        <source>This is the enrolment package of {device}: import it on that new laptop at its first start, with its code; nothing was applied.</source>
        <translation>Bu, {device} cihazının eşleştirme paketi: onu o yeni bilgisayarda ilk açılışta koduyla birlikte içe aktarın; hiçbir şey uygulanmadı.</translation>
    </message>
    <message>
        <source>This enrolment package of {device} is damaged or cut short, or the code does not open it (a code of another package?); nothing was applied.</source>
        <translation>{device} cihazının bu eşleştirme paketi bozuk ya da yarım kalmış veya kod onu açmıyor (başka bir paketin kodu mu?); hiçbir şey uygulanmadı.</translation>
    </message>
    <message>
        <source>This receipt is damaged, cut short or was not made for {device}; nothing was applied.</source>
        <translation>Bu alındı bozuk, yarım kalmış ya da {device} için yapılmamış; hiçbir şey uygulanmadı.</translation>
    </message>
    <message>
        <source>This package is damaged, cut short or was not made by {device}; nothing was applied.</source>
        <translation>Bu paket bozuk, yarım kalmış ya da {device} tarafından yapılmamış; hiçbir şey uygulanmadı.</translation>
    </message>
    <message>
        <source>This is a package of {device}, not a receipt: import it where the server can be reached.</source>
        <translation>Bu bir alındı değil, {device} bilgisayarının paketi: sunucuya ulaşılan yerde içe aktarın.</translation>
    </message>
    <message>
        <source>This receipt is for {device}, not this laptop; nothing was applied.</source>
        <translation>Bu alındı bu bilgisayarın değil, {device} bilgisayarının; hiçbir şey uygulanmadı.</translation>
    </message>
    <message>
        <source>The receipt of package {number} was already imported (or a newer one); nothing was applied again.</source>
        <translation>{number} numaralı paketin alındısı (ya da daha yenisi) zaten içe aktarılmış; hiçbir şey yeniden uygulanmadı.</translation>
    </message>
    <message>
        <source>This database is neither the sync server nor a laptop enrolled with it: import the package where the server can be reached.</source>
        <translation>Bu veritabanı ne eşitleme sunucusu ne de ona eşleştirilmiş bir bilgisayar: paketi sunucuya ulaşılan yerde içe aktarın.</translation>
    </message>
    <message>
        <source>This is a receipt for {device}: import it on that laptop.</source>
        <translation>Bu, {device} için bir alındı: onu o bilgisayarda içe aktarın.</translation>
    </message>
    <message>
        <source>Packages are imported on the server&apos;s database, or on a laptop connected to it.</source>
        <translation>Paketler sunucunun veritabanında ya da ona bağlı bir bilgisayarda içe aktarılır.</translation>
    </message>
    <message>
        <source>This package comes from {device}, a laptop this server does not know; nothing was applied.</source>
        <translation>Bu paket, bu sunucunun tanımadığı {device} bilgisayarından geliyor; hiçbir şey uygulanmadı.</translation>
    </message>
    <message>
        <source>An administrator revoked {device}; its package was not applied.</source>
        <translation>Bir yönetici {device} bilgisayarının erişimini iptal etti; paketi uygulanmadı.</translation>
    </message>
    <message>
        <source>Package {number} of {device} was already imported on {day}; nothing was applied again.</source>
        <translation>{device} bilgisayarının {number} numaralı paketi {day} tarihinde zaten içe aktarıldı; hiçbir şey yeniden uygulanmadı.</translation>
    </message>
    <message>
        <source>The server&apos;s answer about files cannot be read; nothing was marked as sent.</source>
        <translation>Sunucunun dosyalarla ilgili yanıtı okunamıyor; hiçbir şey gönderildi olarak işaretlenmedi.</translation>
    </message>
    <message>
        <source>The full photo is on the server; this laptop syncs by USB packages, so it comes with the next receipt.</source>
        <translation>Tam fotoğraf sunucuda; bu bilgisayar USB paketleriyle eşitlendiği için bir sonraki alındıyla gelir.</translation>
    </message>
    <message>
        <source>The server does not have this photo yet: the laptop that took it has not sent it. It comes with a later sync.</source>
        <translation>Sunucuda bu fotoğraf henüz yok: onu çeken bilgisayar henüz göndermedi. Daha sonraki bir eşitlemede gelir.</translation>
    </message>
    <message>
        <source>The full photo is on the server, which cannot be reached now ({reason}); it comes with the next sync.</source>
        <translation>Tam fotoğraf sunucuda, ancak sunucuya şu an ulaşılamıyor ({reason}); bir sonraki eşitlemede gelir.</translation>
    </message>
    <message>
        <source>A file from the server does not have its hash; it was not kept. Sync again.</source>
        <translation>Sunucudan gelen bir dosya özetiyle uyuşmuyor; saklanmadı. Yeniden eşitleyin.</translation>
    </message>
    <message numerus="yes">
        <source>The package code has %n letters and digits (groups of 4 such as 1A2B-…); check it and type it again.</source>
        <translation>
            <numerusform>Paket kodu %n harf ve rakamdan oluşur (1A2B-… gibi 4&apos;lü gruplar); kontrol edip yeniden yazın.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enrolment packages are written on the sync server&apos;s database.</source>
        <translation>Eşleştirme paketleri eşitleme sunucusunun veritabanında yazılır.</translation>
    </message>
    <message>
        <source>This is not an enrolment package but a sync package or receipt of {device}; nothing was applied.</source>
        <translation>Bu bir eşleştirme paketi değil, {device} cihazının bir eşitleme paketi ya da alındısı; hiçbir şey uygulanmadı.</translation>
    </message>
    <message>
        <source>This enrolment package was written by another version of Barınak (schema {theirs}, this app {ours}); use the same version on both sides. Nothing was applied.</source>
        <translation>Bu eşleştirme paketi Barınak&apos;ın başka bir sürümüyle yazılmış (şema {theirs}, bu uygulama {ours}); iki tarafta da aynı sürümü kullanın. Hiçbir şey uygulanmadı.</translation>
    </message>
    <message>
        <source>a value is required</source>
        <translation>bir değer gerekli</translation>
    </message>
    <message>
        <source>{value} cannot be read</source>
        <translation>{value} okunamıyor</translation>
    </message>
    <message>
        <source>this column cannot be written</source>
        <translation>bu sütuna yazılamaz</translation>
    </message>
    <message>
        <source>a time with its zone (UTC) is expected</source>
        <translation>saat dilimiyle (UTC) bir zaman bekleniyor</translation>
    </message>
    <message>
        <source>true or false is expected</source>
        <translation>doğru ya da yanlış bekleniyor</translation>
    </message>
    <message>
        <source>a whole number is expected</source>
        <translation>bir tam sayı bekleniyor</translation>
    </message>
    <message>
        <source>{value} is too large a number</source>
        <translation>{value} çok büyük bir sayı</translation>
    </message>
    <message>
        <source>a finite number is expected</source>
        <translation>sonlu bir sayı bekleniyor</translation>
    </message>
    <message>
        <source>one of {choices} is expected</source>
        <translation>şunlardan biri bekleniyor: {choices}</translation>
    </message>
    <message numerus="yes">
        <source>at most %n characters are allowed</source>
        <translation>
            <numerusform>en çok %n karaktere izin verilir</numerusform>
        </translation>
    </message>
    <message>
        <source>a NUL character is not allowed</source>
        <translation>NUL karakterine izin verilmez</translation>
    </message>
    <message>
        <source>text is expected</source>
        <translation>metin bekleniyor</translation>
    </message>
    <message>
        <source>(no longer on this laptop)</source>
        <translation>(artık bu bilgisayarda değil)</translation>
    </message>
    <message>
        <source>on {day}</source>
        <translation>({day})</translation>
    </message>
    <message>
        <source>at {site} on {day}</source>
        <translation>({site}, {day})</translation>
    </message>
    <message>
        <source>“{tag}” at {site}</source>
        <translation>({site}, {tag})</translation>
    </message>
    <message>
        <source>“{tag}”</source>
        <translation>({tag})</translation>
    </message>
    <message>
        <source>at {site}, BoQ line {line}</source>
        <translation>({site}, keşif satırı {line})</translation>
    </message>
    <message>
        <source>for {kind} {ref}</source>
        <translation>({kind} {ref})</translation>
    </message>
    <message>
        <source>no. {place} of {ref}</source>
        <translation>({ref}, {place}. kişi)</translation>
    </message>
    <message>
        <source>of {ref}</source>
        <translation>({ref})</translation>
    </message>
</context>
<context>
    <name>takeoff</name>
    <message>
        <source>Window</source>
        <translation>Pencere</translation>
    </message>
    <message>
        <source>Door</source>
        <translation>Kapı</translation>
    </message>
    <message>
        <source>Room {n}</source>
        <translation>Oda {n}</translation>
    </message>
    <message>
        <source>Two rooms are called &apos;{name}&apos;; give each room its own name.</source>
        <translation>İki odanın adı &apos;{name}&apos;; her odaya ayrı bir ad verin.</translation>
    </message>
    <message>
        <source>The opening is in room &apos;{room}&apos;, which is not in the rooms table; choose one of its rooms.</source>
        <translation>Boşluk &apos;{room}&apos; odasında, ancak bu oda oda tablosunda yok; tablodaki odalardan birini seçin.</translation>
    </message>
    <message>
        <source>The number of such openings is a whole number from 1 to {most}.</source>
        <translation>Bu tür boşlukların sayısı 1 ile {most} arasında bir tam sayıdır.</translation>
    </message>
    <message>
        <source>&apos;{room}&apos; has openings in exterior walls: enter the length of its exterior walls, or mark the openings as interior.</source>
        <translation>&apos;{room}&apos; odasının dış duvarlarında boşluklar var: dış duvarlarının uzunluğunu girin ya da boşlukları iç olarak işaretleyin.</translation>
    </message>
    <message>
        <source>The openings of &apos;{room}&apos; are larger than its walls; check their sizes and counts.</source>
        <translation>&apos;{room}&apos; odasının boşlukları duvarlarından büyük; boyutlarını ve adetlerini kontrol edin.</translation>
    </message>
    <message>
        <source>{value} m is not a plausible measure here; enter metres from {low} to {most}, e.g. 3,45.</source>
        <translation>{value} m burada akla yatkın bir ölçü değil; {low} ile {most} arasında metre girin, ör. 3,45.</translation>
    </message>
    <message>
        <source>{value} m is not a plausible measure here; enter metres above 0 and at most {most}, e.g. 3,45.</source>
        <translation>{value} m burada akla yatkın bir ölçü değil; 0&apos;dan büyük ve en çok {most} metre girin, ör. 3,45.</translation>
    </message>
</context>
<context>
    <name>timesheets</name>
    <message>
        <source>That timesheet does not exist any more.</source>
        <translation>Bu puantaj artık yok.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>{path} yazılamıyor: {error}</translation>
    </message>
    <message>
        <source>No timesheet {ref} exists; give a reference such as GAZ-D-000123-T01.</source>
        <translation>{ref} puantajı yok; GAZ-D-000123-T01 gibi bir numara verin.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Dönem başlamadan bitiyor.</translation>
    </message>
    <message>
        <source>A timesheet covers days of one month, so that it is paid in one batch; end it on {day}.</source>
        <translation>Tek bir ödeme listesinde ödenebilmesi için bir puantaj yalnızca bir ayın günlerini kapsar; {day} tarihinde bitirin.</translation>
    </message>
    <message>
        <source>Timesheet {ref} already covers days of this period.</source>
        <translation>{ref} puantajı bu dönemin günlerini zaten kapsıyor.</translation>
    </message>
    <message>
        <source>{ref} is {status}; only a draft or returned timesheet can be submitted.</source>
        <translation>{ref} durumu {status}; yalnızca taslak ya da geri gönderilmiş bir puantaj gönderilebilir.</translation>
    </message>
    <message>
        <source>{ref} has no days logged; log the labour before submitting.</source>
        <translation>{ref} için kaydedilmiş gün yok; göndermeden önce işçiliği kaydedin.</translation>
    </message>
    <message>
        <source>No days are logged on {site} in the week of {day}; log the labour first.</source>
        <translation>{day} haftasında {site} için kaydedilmiş gün yok; önce işçiliği kaydedin.</translation>
    </message>
    <message>
        <source>{ref} is {status}, not submitted; only a submitted timesheet can be approved or returned.</source>
        <translation>{ref} durumu {status}, gönderilmiş değil; yalnızca gönderilmiş bir puantaj onaylanabilir ya da geri gönderilebilir.</translation>
    </message>
    <message>
        <source>You submitted {ref} yourself; another supervisor approves it.</source>
        <translation>{ref} puantajını kendiniz gönderdiniz; onu başka bir süpervizör onaylar.</translation>
    </message>
    <message>
        <source>Say why the timesheet is returned, so the engineer knows what to correct.</source>
        <translation>Mühendis neyi düzelteceğini bilsin diye puantajın neden geri gönderildiğini yazın.</translation>
    </message>
    <message>
        <source>Say why the approved timesheet is reopened; the reason goes into the audit trail.</source>
        <translation>Onaylı puantajın neden yeniden açıldığını yazın; gerekçe denetim kaydına girer.</translation>
    </message>
    <message>
        <source>{ref} is {status}; only an approved timesheet is reopened.</source>
        <translation>{ref} durumu {status}; yalnızca onaylı bir puantaj yeniden açılır.</translation>
    </message>
    <message>
        <source>{ref} was paid in batch {batch}, which went to finance; correct the pay in a later timesheet instead.</source>
        <translation>{ref}, finansa gönderilen {batch} ödeme listesiyle ödendi; ücreti bunun yerine sonraki bir puantajda düzeltin.</translation>
    </message>
</context>
<context>
    <name>users</name>
    <message>
        <source>No user {name} exists; check the user name.</source>
        <translation>{name} adında bir kullanıcı yok; kullanıcı adını kontrol edin.</translation>
    </message>
    <message>
        <source>{name} is the last active administrator: make another user an administrator first, or nobody could manage the programme.</source>
        <translation>{name} son etkin yönetici: önce başka bir kullanıcıyı yönetici yapın, yoksa programı kimse yönetemez.</translation>
    </message>
    <message>
        <source>To change your own password, use Change password: it asks for your current one.</source>
        <translation>Kendi parolanızı değiştirmek için Parolamı değiştir&apos;i kullanın: geçerli parolanızı sorar.</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account; another administrator can.</source>
        <translation>Kendi hesabınızı devre dışı bırakamazsınız; bunu başka bir yönetici yapabilir.</translation>
    </message>
    <message>
        <source>{name} is already deactivated.</source>
        <translation>{name} zaten devre dışı.</translation>
    </message>
    <message>
        <source>{name} is active.</source>
        <translation>{name} etkin.</translation>
    </message>
    <message numerus="yes">
        <source>The full name is too long: at most %n characters.</source>
        <translation>
            <numerusform>Ad soyad çok uzun: en fazla %n karakter.</numerusform>
        </translation>
    </message>
    <message>
        <source>You cannot change your own role; another administrator can.</source>
        <translation>Kendi rolünüzü değiştiremezsiniz; bunu başka bir yönetici yapabilir.</translation>
    </message>
</context>
<context>
    <name>view</name>
    <message>
        <source>Click a bar to list its cases.</source>
        <translation>Vakalarını listelemek için bir çubuğa tıklayın.</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message numerus="yes">
        <source>List at most %n skills.</source>
        <translation>
            <numerusform>En çok %n beceri yazın.</numerusform>
        </translation>
    </message>
    <message>
        <source>skill</source>
        <translation>beceri</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>ad soyad</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>doğum tarihi</translation>
    </message>
    <message>
        <source>{name} is {age}; cash-for-work workers must be at least {min_age}. Register them from their birthday on.</source>
        <translation>{name} {age} yaşında; çalışma karşılığı nakit işçileri en az {min_age} yaşında olmalıdır. Doğum gününden itibaren kaydedin.</translation>
    </message>
    <message>
        <source>Choose payment by IBAN or at PTT.</source>
        <translation>IBAN ile ya da PTT&apos;den ödemeyi seçin.</translation>
    </message>
    <message>
        <source>work permit number</source>
        <translation>çalışma izni numarası</translation>
    </message>
    <message>
        <source>Enter the expiry date of work permit {number}.</source>
        <translation>{number} çalışma izninin bitiş tarihini girin.</translation>
    </message>
    <message>
        <source>People under temporary protection need a work permit for paid work; without one every logged day needs a reason.</source>
        <translation>Geçici koruma altındaki kişilerin ücretli iş için çalışma izni olmalıdır; izin yoksa kaydedilen her gün için bir gerekçe gerekir.</translation>
    </message>
    <message>
        <source>This work permit expired on {day}; days after it need a reason.</source>
        <translation>Bu çalışma izninin süresi {day} tarihinde doldu; sonraki günler için gerekçe gerekir.</translation>
    </message>
    <message>
        <source>ID number {id} is already registered as worker {ref}; open that record instead of registering the person twice.</source>
        <translation>{id} kimlik numarası zaten {ref} işçisi olarak kayıtlı; kişiyi iki kez kaydetmek yerine o kaydı açın.</translation>
    </message>
    <message>
        <source>This ID number is also registered as {refs}; only a supervisor may confirm that this is the same person and both records are right.</source>
        <translation>Bu kimlik numarası {refs} olarak da kayıtlı; aynı kişi olduğunu ve iki kaydın da doğru olduğunu yalnızca bir süpervizör onaylayabilir.</translation>
    </message>
    <message>
        <source>Pick a member of household {ref}.</source>
        <translation>{ref} hanesinin bir üyesini seçin.</translation>
    </message>
    <message>
        <source>{name} has no ID number in the members register; record it there first.</source>
        <translation>{name} için hane listesinde kimlik numarası yok; önce oraya kaydedin.</translation>
    </message>
    <message>
        <source>Household {household} already has worker {refs}; cash-for-work takes one worker per household at a time. Save only if that worker has stopped.</source>
        <translation>{household} hanesinin zaten {refs} numaralı bir işçisi var; çalışma karşılığı nakitte her haneden aynı anda tek işçi çalışır. Yalnızca o işçi çalışmayı bıraktıysa kaydedin.</translation>
    </message>
    <message>
        <source>This IBAN is already used by {refs}; each worker is paid into their own account. Save only if that is right.</source>
        <translation>Bu IBAN zaten {refs} tarafından kullanılıyor; her işçiye kendi hesabına ödeme yapılır. Yalnızca doğruysa kaydedin.</translation>
    </message>
    <message>
        <source>No worker {ref} exists; check the reference.</source>
        <translation>{ref} işçisi yok; numarayı kontrol edin.</translation>
    </message>
</context>
<context>
    <name>works_check</name>
    <message>
        <source>done</source>
        <translation>yapıldı</translation>
    </message>
    <message>
        <source>partly done</source>
        <translation>kısmen yapıldı</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>yapılmadı</translation>
    </message>
    <message>
        <source>Line {n} of the BoQ ({item}): choose done, partly done or not done.</source>
        <translation>Keşfin {n}. kalemi ({item}): yapıldı, kısmen yapıldı ya da yapılmadı seçin.</translation>
    </message>
    <message>
        <source>Line {n} of the BoQ ({item}) is {outcome}: write in its note what is missing.</source>
        <translation>Keşfin {n}. kalemi ({item}) {outcome}: notuna eksik olanı yazın.</translation>
    </message>
</context>
</TS>
