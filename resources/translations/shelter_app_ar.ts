<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>إضافة مستخدم</translation>
    </message>
    <message>
        <source>The new user changes this temporary password at first sign-in.</source>
        <translation>يغيّر المستخدم الجديد كلمة المرور المؤقتة هذه عند أول تسجيل دخول.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>مهندس</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>مشرف</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>مدير النظام</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا يوجد)</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>كلمة المرور المؤقتة</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>Assess dwelling {ref}</source>
        <translation>تقييم المسكن {ref}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>People living there</source>
        <translation>عدد المقيمين فيه</translation>
    </message>
    <message>
        <source>Final assessment: the works are finished</source>
        <translation>التقييم النهائي: اكتملت الأعمال</translation>
    </message>
    <message>
        <source>Only while works are in progress.</source>
        <translation>فقط أثناء تنفيذ الأعمال.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Condition of each component (1 good – 4 failed)</source>
        <translation>حالة كل عنصر (1 جيدة – 4 تالفة)</translation>
    </message>
    <message>
        <source>– not assessed</source>
        <translation>– لم يُقيَّم</translation>
    </message>
    <message>
        <source>What is wrong, where</source>
        <translation>ما المشكلة وأين</translation>
    </message>
    <message>
        <source>Rooms and openings (metres; the bill of quantities reuses them)</source>
        <translation>الغرف والفتحات (بالمتر؛ يستخدمها جدول الكميات)</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>القرار</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>مؤهَّل</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>غير مؤهَّل</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>الأهلية</translation>
    </message>
    <message>
        <source>Why: condition, vulnerability, landlord's consent</source>
        <translation>السبب: الحالة، أوجه الضعف، موافقة المالك</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>Take-off: {problem}</source>
        <translation>حساب الكميات: {problem}</translation>
    </message>
    <message>
        <source>floor area per person unknown</source>
        <translation>مساحة الأرضية للفرد غير معروفة</translation>
    </message>
    <message>
        <source>{area} m² per person: below the Sphere minimum of {minimum} m²</source>
        <translation>{area} م² للفرد: أقل من الحد الأدنى لمعايير اسفير البالغ {minimum} م²</translation>
    </message>
    <message>
        <source>{area} m² per person (Sphere minimum {minimum} m²)</source>
        <translation>{area} م² للفرد (الحد الأدنى لمعايير اسفير {minimum} م²)</translation>
    </message>
    <message>
        <source>priority score after at least one condition is rated</source>
        <translation>تُحسب درجة الأولوية بعد تقييم حالة عنصر واحد على الأقل</translation>
    </message>
    <message>
        <source>priority score {score} of 100</source>
        <translation>درجة الأولوية {score} من 100</translation>
    </message>
</context>
<context>
    <name>AssessmentHistoryModel</name>
    <message>
        <source>eligible</source>
        <translation>مؤهَّل</translation>
    </message>
    <message>
        <source>not eligible</source>
        <translation>غير مؤهَّل</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>المُقيِّم</translation>
    </message>
    <message>
        <source>People</source>
        <translation>الأفراد</translation>
    </message>
    <message>
        <source>m² per person</source>
        <translation>م² للفرد</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>الأولوية</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>القرار</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>نهائي</translation>
    </message>
</context>
<context>
    <name>AssessmentsTab</name>
    <message>
        <source>New assessment…</source>
        <translation>تقييم جديد…</translation>
    </message>
    <message>
        <source>Not assessed yet.</source>
        <translation>لم يُقيَّم بعد.</translation>
    </message>
    <message>
        <source>{decision}: {reason}</source>
        <translation>{decision}: {reason}</translation>
    </message>
    <message>
        <source>{name}: {length} × {width} m, height {height} m, {n} openings</source>
        <translation>{name}: {length} × {width} م، الارتفاع {height} م، {n} فتحات</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit trail</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Record reference, e.g. GAZ-D-000001</source>
        <translation>رقم السجل، مثل GAZ-D-000001</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>No record {ref}; check the reference.</source>
        <translation>لا يوجد سجل {ref}؛ تحقّق من الرقم المرجعي.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>التغييرات</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>Automatic backup made.</source>
        <translation>تم إنشاء نسخة احتياطية تلقائية.</translation>
    </message>
    <message>
        <source>Automatic backup failed: {reason}</source>
        <translation>فشل النسخ الاحتياطي التلقائي: {reason}</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Backups</source>
        <extracomment>(bytes done, bytes in all), emitted from the worker thread, delivered on the GUI thread a backup was restored: this window still shows the replaced database until a restart</extracomment>
        <translation>النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>تاريخ الإنشاء</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>نسخ احتياطي الآن</translation>
    </message>
    <message>
        <source>Save archive…</source>
        <translation>حفظ الأرشيف…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>استعادة…</translation>
    </message>
    <message>
        <source>Only an administrator can restore a backup.</source>
        <translation>لا يستطيع استعادة نسخة احتياطية إلا مدير النظام.</translation>
    </message>
    <message>
        <source>This database is on a server ({name}); back it up with the server's own tools.</source>
        <translation>قاعدة البيانات هذه على خادم ({name})؛ انسخها احتياطيًا بأدوات الخادم نفسه.</translation>
    </message>
    <message>
        <source>Automatic backups are kept in {folder}</source>
        <translation>تُحفظ النسخ الاحتياطية التلقائية في {folder}</translation>
    </message>
    <message>
        <source>No backup has been made yet.</source>
        <translation>لم تُنشأ أي نسخة احتياطية بعد.</translation>
    </message>
    <message>
        <source>Backing up the database and its photos…</source>
        <translation>جارٍ نسخ قاعدة البيانات وصورها احتياطيًا…</translation>
    </message>
    <message>
        <source>Save a backup archive</source>
        <translation>حفظ أرشيف نسخة احتياطية</translation>
    </message>
    <message>
        <source>Backup archives (*.zip)</source>
        <translation>أرشيفات النسخ الاحتياطية (*.zip)</translation>
    </message>
    <message>
        <source>Writing the archive {path}…</source>
        <translation>جارٍ كتابة الأرشيف {path}…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>استعادة نسخة احتياطية</translation>
    </message>
    <message>
        <source>Backups (*.zip *.db)</source>
        <translation>النسخ الاحتياطية (*.zip *.db)</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>هل تريد استعادة هذه النسخة الاحتياطية؟</translation>
    </message>
    <message>
        <source>Replace the current database with the backup {file}?

The current database is kept beside it as a copy. Changes made since the backup will not be in the restored data. shelter_app must be restarted afterwards.</source>
        <translation>هل تريد استبدال قاعدة البيانات الحالية بالنسخة الاحتياطية {file}؟

تُحفظ قاعدة البيانات الحالية بجانبها كنسخة. التغييرات التي أُجريت بعد النسخة الاحتياطية لن تكون في البيانات المستعادة. يجب إعادة تشغيل shelter_app بعد ذلك.</translation>
    </message>
    <message>
        <source>Checking and restoring the backup…</source>
        <translation>جارٍ فحص النسخة الاحتياطية واستعادتها…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Nothing has changed since the last backup ({name}); no new backup was needed.</source>
        <translation>لم يتغيّر شيء منذ آخر نسخة احتياطية ({name})؛ لم تكن هناك حاجة إلى نسخة جديدة.</translation>
    </message>
    <message>
        <source>Backed up in {seconds:.1f} s: {name} ({photos} new photos).</source>
        <translation>تم النسخ الاحتياطي في {seconds:.1f} ث: {name} ({photos} صور جديدة).</translation>
    </message>
    <message>
        <source>Archive written in {seconds:.1f} s: {path} ({photos} photos).</source>
        <translation>تمت كتابة الأرشيف في {seconds:.1f} ث: {path} ({photos} صور).</translation>
    </message>
    <message>
        <source>The replaced database was kept as {path}.</source>
        <translation>حُفظت قاعدة البيانات المستبدَلة باسم {path}.</translation>
    </message>
    <message>
        <source>The backup made on {made} was restored. {kept}

Close shelter_app and start it again to work with the restored data.</source>
        <translation>تمت استعادة النسخة الاحتياطية المُنشأة في {made}. {kept}

أغلق shelter_app ثم شغّله من جديد للعمل على البيانات المستعادة.</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>تمت استعادة النسخة الاحتياطية</translation>
    </message>
</context>
<context>
    <name>BoQEditor</name>
    <message>
        <source>Find a catalogue item: type a code or words (e.g. eps 8), Enter adds it</source>
        <translation>ابحث عن بند في القائمة: اكتب رمزًا أو كلمات (مثل eps 8)، وEnter يضيفه</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>المجاميع</translation>
    </message>
    <message>
        <source>Contingency %</source>
        <translation>احتياطي الطوارئ %</translation>
    </message>
    <message>
        <source>Take-off from the assessment</source>
        <translation>حساب الكميات من التقييم</translation>
    </message>
    <message>
        <source>Enter or double-click: use as the quantity of the selected line</source>
        <translation>Enter أو النقر المزدوج: استخدامه كمية للسطر المحدد</translation>
    </message>
    <message>
        <source>English column</source>
        <translation>عمود بالإنجليزية</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>الصور</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>إرسال للموافقة</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>موافقة</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>إعادة…</translation>
    </message>
    <message>
        <source>Open a revision…</source>
        <translation>فتح مراجعة…</translation>
    </message>
    <message>
        <source>Print PDF</source>
        <translation>طباعة PDF</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>تصدير XLSX…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Bill of quantities {ref}</source>
        <translation>جدول الكميات {ref}</translation>
    </message>
    <message>
        <source>{ref} — {status}</source>
        <translation>{ref} — {status}</translation>
    </message>
    <message>
        <source>Dwelling {dwelling}, {address}. Household: {household}. Price list {catalogue}.</source>
        <translation>المسكن {dwelling}، {address}. الأسرة: {household}. قائمة الأسعار {catalogue}.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>Returned by {name}: {reason}</source>
        <translation>أعاده {name}: {reason}</translation>
    </message>
    <message>
        <source>Changes since {ref}: {changes}</source>
        <translation>التغييرات منذ {ref}: {changes}</translation>
    </message>
    <message>
        <source>{code} {old} → {new} {unit}</source>
        <translation>{code} {old} ← {new} {unit}</translation>
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
        <source>No catalogue item matches '{text}'.</source>
        <translation>لا يوجد بند في القائمة يطابق '{text}'.</translation>
    </message>
    <message>
        <source>Select the line that takes this quantity first.</source>
        <translation>حدّد أولًا السطر الذي يأخذ هذه الكمية.</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>الأعمال</translation>
    </message>
    <message>
        <source>Contingency</source>
        <translation>احتياطي الطوارئ</translation>
    </message>
    <message>
        <source>Total without KDV</source>
        <translation>المجموع دون ضريبة القيمة المضافة (KDV)</translation>
    </message>
    <message>
        <source>KDV {rate}%</source>
        <translation>ضريبة القيمة المضافة (KDV) {rate}%</translation>
    </message>
    <message>
        <source>Total with KDV</source>
        <translation>المجموع مع ضريبة القيمة المضافة (KDV)</translation>
    </message>
    <message>
        <source>Return to the engineer</source>
        <translation>إعادة إلى المهندس</translation>
    </message>
    <message>
        <source>What should the engineer change?</source>
        <translation>ما الذي يجب أن يغيّره المهندس؟</translation>
    </message>
    <message>
        <source>Open a revision</source>
        <translation>فتح مراجعة</translation>
    </message>
    <message>
        <source>Why must the approved BoQ change? The reason goes into the audit trail.</source>
        <translation>لماذا يجب تغيير جدول الكميات المعتمد؟ يُسجَّل السبب في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>تم حفظ {path}.</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>يرجى التحقق</translation>
    </message>
    <message>
        <source>Continue anyway?</source>
        <translation>هل تريد المتابعة على أي حال؟</translation>
    </message>
    <message>
        <source>Export the BoQ</source>
        <translation>تصدير جدول الكميات</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx)</source>
        <translation>جداول البيانات (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>BoQPage</name>
    <message>
        <source>Bills of quantity</source>
        <translation>جداول الكميات</translation>
    </message>
    <message>
        <source>Search by BoQ or dwelling reference, or household name</source>
        <translation>ابحث برقم جدول الكميات أو المسكن، أو باسم الأسرة</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>جميع الحالات</translation>
    </message>
    <message>
        <source>New BoQ…</source>
        <translation>جدول كميات جديد…</translation>
    </message>
    <message>
        <source>New bill of quantities</source>
        <translation>جدول كميات جديد</translation>
    </message>
    <message>
        <source>Reference of the assessed dwelling (e.g. GAZ-D-000123):</source>
        <translation>الرقم المرجعي للمسكن الذي تم تقييمه (مثل GAZ-D-000123):</translation>
    </message>
    <message>
        <source>No new BoQ</source>
        <translation>لم يُنشأ جدول كميات جديد</translation>
    </message>
</context>
<context>
    <name>BoQTableModel</name>
    <message>
        <source>BoQ</source>
        <translation>جدول الكميات</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>Total with KDV</source>
        <translation>المجموع مع ضريبة القيمة المضافة (KDV)</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>آخر تغيير</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>حفظ على أي حال</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <source>Price catalogue</source>
        <translation>قائمة الأسعار</translation>
    </message>
    <message>
        <source>New version…</source>
        <translation>إصدار جديد…</translation>
    </message>
    <message>
        <source>Import XLSX…</source>
        <translation>استيراد XLSX…</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>تصدير XLSX…</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>نشر</translation>
    </message>
    <message>
        <source>Withdraw / restore item</source>
        <translation>سحب البند / إعادته</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>published</source>
        <translation>منشور</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>{label} from {date} ({state}, {count} items)</source>
        <translation>{label} اعتبارًا من {date} ({state}، {count} بنود)</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>إصدار جديد</translation>
    </message>
    <message>
        <source>Name of the version (e.g. 2026-07):</source>
        <translation>اسم الإصدار (مثل 2026-07):</translation>
    </message>
    <message>
        <source>Prices apply from (YYYY-MM-DD):</source>
        <translation>تسري الأسعار اعتبارًا من (YYYY-MM-DD):</translation>
    </message>
    <message>
        <source>'{day}' is not a date; write it as 2026-07-01.</source>
        <translation>'{day}' ليس تاريخًا؛ اكتبه بالشكل 2026-07-01.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx)</source>
        <translation>جداول البيانات (*.xlsx)</translation>
    </message>
    <message>
        <source>Wrote {count} items to {path}.</source>
        <translation>تمت كتابة {count} بنود في {path}.</translation>
    </message>
    <message>
        <source>Select an item first.</source>
        <translation>حدّد بندًا أولًا.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change your password</source>
        <translation>غيّر كلمة المرور</translation>
    </message>
    <message>
        <source>Choose a new password before you continue.</source>
        <translation>اختر كلمة مرور جديدة قبل المتابعة.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>كلمة المرور الحالية</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>كلمة المرور الجديدة</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>أعد كتابة كلمة المرور الجديدة</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>حدث خطأ ما</translation>
    </message>
    <message>
        <source>An unexpected error happened. Your saved work is safe. Please copy the details below and send them to support. The log file is {path}.</source>
        <translation>حدث خطأ غير متوقع. عملك المحفوظ في أمان. يرجى نسخ التفاصيل أدناه وإرسالها إلى فريق الدعم. ملف السجل هو {path}.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>نسخ التفاصيل</translation>
    </message>
</context>
<context>
    <name>DwellingBox</name>
    <message>
        <source>Dwelling</source>
        <translation>المسكن</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>District</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>Neighbourhood (mahalle)</source>
        <translation>الحي (mahalle)</translation>
    </message>
    <message>
        <source>e.g. Gül Sokak</source>
        <translation>مثل Gül Sokak</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>الشارع</translation>
    </message>
    <message>
        <source>Building no.</source>
        <translation>رقم البناء</translation>
    </message>
    <message>
        <source>Flat no.</source>
        <translation>رقم الشقة</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>m², e.g. 64,5</source>
        <translation>م²، مثل 64,5</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>مساحة الأرضية (م²)</translation>
    </message>
    <message>
        <source>1–20</source>
        <translation>1–20</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>الغرف</translation>
    </message>
    <message>
        <source>e.g. 37,0662</source>
        <translation>مثل 37,0662</translation>
    </message>
    <message>
        <source>GPS latitude</source>
        <translation>خط العرض GPS</translation>
    </message>
    <message>
        <source>e.g. 37,3833</source>
        <translation>مثل 37,3833</translation>
    </message>
    <message>
        <source>GPS longitude</source>
        <translation>خط الطول GPS</translation>
    </message>
</context>
<context>
    <name>DwellingFileDialog</name>
    <message>
        <source>Dwelling {ref}</source>
        <translation>المسكن {ref}</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>التقييمات</translation>
    </message>
    <message>
        <source>BoQ</source>
        <translation>جدول الكميات</translation>
    </message>
    <message>
        <source>The bill of quantities of this dwelling will show here.</source>
        <translation>سيظهر جدول كميات هذا المسكن هنا.</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>الاتفاقية</translation>
    </message>
    <message>
        <source>The landlord agreement arrives in a later version.</source>
        <translation>ستتوفر اتفاقية المالك في إصدار لاحق.</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>العمل</translation>
    </message>
    <message>
        <source>Cash-for-work days arrive in a later version.</source>
        <translation>ستتوفر أيام النقد مقابل العمل في إصدار لاحق.</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>المتابعة</translation>
    </message>
    <message>
        <source>Monitoring visits arrive in a later version.</source>
        <translation>ستتوفر زيارات المتابعة في إصدار لاحق.</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>السجل…</translation>
    </message>
    <message>
        <source>Edit dwelling…</source>
        <translation>تعديل المسكن…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>{area} m², {rooms} rooms</source>
        <translation>{area} م²، {rooms} غرف</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>الرقم المرجعي</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>المرحلة</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>المسكن</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>المالك</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>الصور</translation>
    </message>
    <message>
        <source>Bills of quantity</source>
        <translation>جداول الكميات</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>الاتفاقيات</translation>
    </message>
    <message>
        <source>Cash-for-work days</source>
        <translation>أيام النقد مقابل العمل</translation>
    </message>
</context>
<context>
    <name>DwellingTableModel</name>
    <message>
        <source>Reference</source>
        <translation>الرقم المرجعي</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>المرحلة</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>District</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>المالك</translation>
    </message>
</context>
<context>
    <name>DwellingsPage</name>
    <message>
        <source>Dwellings</source>
        <translation>المساكن</translation>
    </message>
    <message>
        <source>Search by reference, name, province, district or street</source>
        <translation>ابحث بالرقم المرجعي أو الاسم أو الولاية أو المنطقة أو الشارع</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>حالة جديدة…</translation>
    </message>
    <message>
        <source>Register a household and the dwelling they rent</source>
        <translation>سجّل أسرة والمسكن الذي تستأجره</translation>
    </message>
    <message>
        <source>{count}{more} dwellings shown</source>
        <translation>عرض {count}{more} مسكن</translation>
    </message>
</context>
<context>
    <name>EditDwellingDialog</name>
    <message>
        <source>Dwelling {ref}</source>
        <translation>المسكن {ref}</translation>
    </message>
    <message>
        <source>(typed above)</source>
        <translation>(مكتوب أعلاه)</translation>
    </message>
    <message>
        <source>Position of a photo</source>
        <translation>موقع إحدى الصور</translation>
    </message>
</context>
<context>
    <name>EditHouseholdDialog</name>
    <message>
        <source>Household {ref}</source>
        <translation>الأسرة {ref}</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create the administrator</source>
        <translation>إنشاء مدير النظام</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the administrator account; the administrator then adds engineers and supervisors.</source>
        <translation>لا يوجد مستخدمون في قاعدة البيانات هذه بعد. أنشئ حساب مدير النظام؛ ثم يضيف المدير المهندسين والمشرفين.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>أعد كتابة كلمة المرور</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of {record}</source>
        <translation>سجل {record}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>التغييرات</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
</context>
<context>
    <name>HouseholdBox</name>
    <message>
        <source>Household</source>
        <extracomment>stored as typed, in Turkish like the demo data; the list only speeds up typing</extracomment>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Full name as on the ID card</source>
        <translation>الاسم الكامل كما في بطاقة الهوية</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>رب الأسرة</translation>
    </message>
    <message>
        <source>TCKN or YKN, 11 digits</source>
        <translation>TCKN أو YKN، 11 رقمًا</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>رقم الهوية</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>الجنسية</translation>
    </message>
    <message>
        <source>Temporary protection</source>
        <translation>الحماية المؤقتة</translation>
    </message>
    <message>
        <source>International protection</source>
        <translation>الحماية الدولية</translation>
    </message>
    <message>
        <source>Host community</source>
        <translation>المجتمع المضيف</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation>وضع الحماية</translation>
    </message>
    <message>
        <source>0532 123 45 67</source>
        <translation>0532 123 45 67</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>الهاتف المحمول</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>الأفراد</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>أوجه الضعف</translation>
    </message>
    <message>
        <source>Consent to data processing given on</source>
        <translation>تاريخ الموافقة على معالجة البيانات</translation>
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
        <translation>تعديل الأسرة…</translation>
    </message>
    <message>
        <source>No household is linked to this dwelling.</source>
        <translation>لا توجد أسرة مرتبطة بهذا المسكن.</translation>
    </message>
    <message>
        <source>Temporary protection</source>
        <translation>الحماية المؤقتة</translation>
    </message>
    <message>
        <source>International protection</source>
        <translation>الحماية الدولية</translation>
    </message>
    <message>
        <source>Host community</source>
        <translation>المجتمع المضيف</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>الرقم المرجعي</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>رب الأسرة</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>رقم الهوية</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>الجنسية</translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation>وضع الحماية</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>الهاتف المحمول</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>الأفراد</translation>
    </message>
    <message>
        <source>{size} people: {bands}</source>
        <translation>{size} أفراد: {bands}</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>أوجه الضعف</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>لا شيء مسجَّل</translation>
    </message>
    <message>
        <source>Consent (KVKK)</source>
        <translation>الموافقة (KVKK)</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>غير مسجَّل</translation>
    </message>
</context>
<context>
    <name>ItemsTableModel</name>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <source>Description (Turkish)</source>
        <translation>الوصف (بالتركية)</translation>
    </message>
    <message>
        <source>Description (English)</source>
        <translation>الوصف (بالإنجليزية)</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>الوحدة</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>سعر الوحدة</translation>
    </message>
    <message>
        <source>KDV %</source>
        <translation>ضريبة KDV %</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>مسحوب</translation>
    </message>
</context>
<context>
    <name>LandlordBox</name>
    <message>
        <source>Landlord</source>
        <translation>المالك</translation>
    </message>
    <message>
        <source>e.g. GAZ-L-000012, or leave empty</source>
        <translation>مثل GAZ-L-000012، أو اتركه فارغًا</translation>
    </message>
    <message>
        <source>Registered landlord</source>
        <translation>مالك مسجَّل</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>شخص</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>شركة</translation>
    </message>
    <message>
        <source>New landlord is a</source>
        <translation>المالك الجديد هو</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>TCKN, or tax number of a company</source>
        <translation>TCKN، أو الرقم الضريبي للشركة</translation>
    </message>
    <message>
        <source>ID or tax number</source>
        <translation>رقم الهوية أو الرقم الضريبي</translation>
    </message>
    <message>
        <source>0532 123 45 67</source>
        <translation>0532 123 45 67</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>الهاتف المحمول</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>No</source>
        <translation>م</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>الوحدة</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>سعر الوحدة</translation>
    </message>
    <message>
        <source>KDV %</source>
        <translation>ضريبة KDV %</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Barınak — shelter programme</source>
        <translation>Barınak — برنامج المأوى</translation>
    </message>
    <message>
        <source>Dwellings</source>
        <translation>المساكن</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>جارٍ فتح قاعدة البيانات…</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>التقييمات</translation>
    </message>
    <message>
        <source>Bills of quantity</source>
        <translation>جداول الكميات</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>الاتفاقيات</translation>
    </message>
    <message>
        <source>Cash-for-work</source>
        <translation>النقد مقابل العمل</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>التقارير</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Price catalogue</source>
        <translation>قائمة الأسعار</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>تم تسجيل الدخول باسم {name} ({role})</translation>
    </message>
    <message>
        <source>Database: {name} — {count} dwellings</source>
        <translation>قاعدة البيانات: {name} — {count} مسكن</translation>
    </message>
</context>
<context>
    <name>MeasurementTable</name>
    <message>
        <source>Room</source>
        <translation>الغرفة</translation>
    </message>
    <message>
        <source>Length m</source>
        <translation>الطول م</translation>
    </message>
    <message>
        <source>Width m</source>
        <translation>العرض م</translation>
    </message>
    <message>
        <source>Height m</source>
        <translation>الارتفاع م</translation>
    </message>
    <message>
        <source>Exterior walls m</source>
        <translation>الجدران الخارجية م</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>العدد</translation>
    </message>
    <message>
        <source>Exterior</source>
        <translation>خارجي</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>حذف السطر</translation>
    </message>
    <message>
        <source>Take-off: floor {floor} m², walls {walls} m², exterior walls {exterior} m², {windows} windows {window_area} m², {doors} doors</source>
        <translation>حساب الكميات: الأرضية {floor} م²، الجدران {walls} م²، الجدران الخارجية {exterior} م²، {windows} نوافذ {window_area} م²، {doors} أبواب</translation>
    </message>
</context>
<context>
    <name>OpeningsTable</name>
    <message>
        <source>Add window or door</source>
        <translation>إضافة نافذة أو باب</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>{count} pages — {path}</source>
        <translation>{count} صفحات — {path}</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>حفظ نسخة…</translation>
    </message>
    <message>
        <source>Open in the system viewer</source>
        <translation>فتح في عارض النظام</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>حفظ ملف PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>ملفات PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>تتعذّر الكتابة في {path}: {error}</translation>
    </message>
</context>
<context>
    <name>PendingPage</name>
    <message>
        <source>This area is not available in this version yet.</source>
        <translation>هذا القسم غير متاح في هذا الإصدار بعد.</translation>
    </message>
</context>
<context>
    <name>RegisterCaseDialog</name>
    <message>
        <source>Register household and dwelling</source>
        <translation>تسجيل الأسرة والمسكن</translation>
    </message>
</context>
<context>
    <name>RoomsTable</name>
    <message>
        <source>Add room</source>
        <translation>إضافة غرفة</translation>
    </message>
    <message>
        <source>Room {n}</source>
        <translation>الغرفة {n}</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>The interface shows the new language when shelter_app starts again. Documents keep their own languages.</source>
        <translation>تظهر الواجهة باللغة الجديدة عند إعادة تشغيل shelter_app. تبقى المستندات بلغاتها الخاصة.</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Saved: {language} applies from the next start.</source>
        <translation>تم الحفظ: تُطبَّق {language} عند التشغيل القادم.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>مقفلة</translation>
    </message>
    <message>
        <source>The window was locked after a period of inactivity. Enter your password to continue.</source>
        <translation>قُفلت النافذة بعد فترة من عدم النشاط. أدخل كلمة المرور للمتابعة.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
</context>
<context>
    <name>StageBar</name>
    <message>
        <source>Next step:</source>
        <translation>الخطوة التالية:</translation>
    </message>
    <message>
        <source>Move to “{stage}”</source>
        <translation>الانتقال إلى “{stage}”</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>جاهز.</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>مقفل</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Users</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>إضافة مستخدم…</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The database is damaged</source>
        <translation>قاعدة البيانات تالفة</translation>
    </message>
    <message>
        <source>{message}

Restore the latest backup ({backup})? The damaged file is kept aside, not deleted.</source>
        <translation>{message}

هل تريد استعادة أحدث نسخة احتياطية ({backup})؟ يُحفظ الملف التالف جانبًا ولا يُحذف.</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>فشلت الاستعادة</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>تمت استعادة النسخة الاحتياطية</translation>
    </message>
    <message>
        <source>The damaged file was kept as {path}.</source>
        <translation>حُفظ الملف التالف باسم {path}.</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>يتعذّر فتح قاعدة البيانات</translation>
    </message>
</context>
<context>
    <name>assessment</name>
    <message>
        <source>Walls and insulation</source>
        <translation>الجدران والعزل</translation>
    </message>
    <message>
        <source>Roof</source>
        <translation>السقف</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>النوافذ</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>الأبواب</translation>
    </message>
    <message>
        <source>Damp and mould</source>
        <translation>الرطوبة والعفن</translation>
    </message>
    <message>
        <source>Water and sanitation</source>
        <translation>المياه والصرف الصحي</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>الكهرباء</translation>
    </message>
    <message>
        <source>Heating</source>
        <translation>التدفئة</translation>
    </message>
    <message>
        <source>1 good</source>
        <translation>1 جيدة</translation>
    </message>
    <message>
        <source>2 fair: minor repairs</source>
        <translation>2 مقبولة: إصلاحات بسيطة</translation>
    </message>
    <message>
        <source>3 poor: major repairs</source>
        <translation>3 سيئة: إصلاحات كبيرة</translation>
    </message>
    <message>
        <source>4 failed: unsafe or missing</source>
        <translation>4 تالفة: غير آمنة أو مفقودة</translation>
    </message>
    <message>
        <source>{component}: give a condition from 1 to 4 for the notes, or clear the notes.</source>
        <translation>{component}: أعطِ حالة من 1 إلى 4 للملاحظات، أو امسح الملاحظات.</translation>
    </message>
    <message>
        <source>{component}: the condition is 1, 2, 3 or 4, not {score}.</source>
        <translation>{component}: الحالة هي 1 أو 2 أو 3 أو 4، وليست {score}.</translation>
    </message>
    <message>
        <source>{component}: shorten the notes to {most} characters.</source>
        <translation>{component}: اختصر الملاحظات إلى {most} حرفًا.</translation>
    </message>
    <message>
        <source>Rate the condition of at least one component from 1 to 4.</source>
        <translation>قيّم حالة عنصر واحد على الأقل من 1 إلى 4.</translation>
    </message>
    <message>
        <source>Enter the number of people living in the dwelling, from 1 to {most}.</source>
        <translation>أدخل عدد الأشخاص المقيمين في المسكن، من 1 إلى {most}.</translation>
    </message>
    <message>
        <source>The setting {key} must be a number of 0 or more (and the weights not all 0); ask an administrator to correct it.</source>
        <translation>يجب أن يكون الإعداد {key} رقمًا يساوي 0 أو أكثر (وألا تكون جميع الأوزان 0)؛ اطلب من مدير النظام تصحيحه.</translation>
    </message>
</context>
<context>
    <name>assessments</name>
    <message>
        <source>assessment date</source>
        <extracomment>stages after which the works are closed and assessments end</extracomment>
        <translation>تاريخ التقييم</translation>
    </message>
    <message>
        <source>Decide whether the dwelling is eligible.</source>
        <translation>قرّر ما إذا كان المسكن مؤهَّلًا.</translation>
    </message>
    <message>
        <source>reason for the decision</source>
        <translation>سبب القرار</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>The works of {ref} are closed (stage {stage}); record monitoring visits instead of assessments.</source>
        <translation>أعمال {ref} مغلقة (المرحلة {stage})؛ سجّل زيارات متابعة بدلًا من التقييمات.</translation>
    </message>
    <message>
        <source>A final assessment closes the works, but the works of {ref} have not started (stage {stage}); record an ordinary assessment.</source>
        <translation>التقييم النهائي يُغلق الأعمال، لكن أعمال {ref} لم تبدأ (المرحلة {stage})؛ سجّل تقييمًا عاديًا.</translation>
    </message>
</context>
<context>
    <name>auth</name>
    <message>
        <source>Your role ({role}) may not {action}.</source>
        <extracomment>Command-line maintenance and demo data run as this actor; it has no user row.</extracomment>
        <translation>لا يحق لدورك ({role}) القيام بما يلي: {action}.</translation>
    </message>
    <message>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>كلمتا المرور مختلفتان؛ اكتب كلمة المرور نفسها مرتين.</translation>
    </message>
    <message>
        <source>The password needs at least {n} characters.</source>
        <translation>يجب أن تتكون كلمة المرور من {n} أحرف على الأقل.</translation>
    </message>
    <message>
        <source>Enter the full name.</source>
        <translation>أدخل الاسم الكامل.</translation>
    </message>
    <message>
        <source>An administrator already exists; sign in.</source>
        <translation>يوجد مدير نظام بالفعل؛ سجّل الدخول.</translation>
    </message>
    <message>
        <source>The user name {name} is taken; choose another.</source>
        <translation>اسم المستخدم {name} مستخدَم؛ اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>No office {code}; choose an existing office.</source>
        <translation>لا يوجد مكتب {code}؛ اختر مكتبًا موجودًا.</translation>
    </message>
    <message>
        <source>Engineers and supervisors need an office.</source>
        <translation>يجب أن يكون للمهندسين والمشرفين مكتب.</translation>
    </message>
    <message>
        <source>Enter a user name without spaces.</source>
        <translation>أدخل اسم مستخدم بلا مسافات.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>اسم المستخدم أو كلمة المرور غير صحيحة.</translation>
    </message>
    <message>
        <source>Too many failed attempts: this account is locked for {minutes} more minutes.</source>
        <translation>محاولات فاشلة كثيرة: هذا الحساب مقفل لمدة {minutes} دقيقة أخرى.</translation>
    </message>
    <message>
        <source>This account cannot change its password.</source>
        <translation>لا يمكن لهذا الحساب تغيير كلمة مروره.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>كلمة المرور الحالية غير صحيحة.</translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>{path} has no {manifest}; it is not a shelter_app backup.</source>
        <translation>لا يحتوي {path} على {manifest}؛ إنه ليس نسخة احتياطية من shelter_app.</translation>
    </message>
    <message>
        <source>The archive {path} is damaged: {member} fails its check ({reason}).</source>
        <translation>الأرشيف {path} تالف: فشل فحص {member} ({reason}).</translation>
    </message>
    <message>
        <source>{path} has no manifest beside it; it is not a complete shelter_app backup.</source>
        <translation>لا يوجد ملف بيان (manifest) بجانب {path}؛ إنه ليس نسخة احتياطية كاملة من shelter_app.</translation>
    </message>
    <message>
        <source>There is no backup file {path}.</source>
        <translation>لا يوجد ملف نسخة احتياطية {path}.</translation>
    </message>
    <message>
        <source>{path} is not a readable ZIP archive; the file is damaged or is not a shelter_app backup.</source>
        <translation>{path} ليس أرشيف ZIP قابلًا للقراءة؛ الملف تالف أو ليس نسخة احتياطية من shelter_app.</translation>
    </message>
    <message>
        <source>{path} holds no database ({name} is missing).</source>
        <translation>لا يحتوي {path} على قاعدة بيانات ({name} مفقود).</translation>
    </message>
    <message>
        <source>The database in {path} does not match its manifest (the checksum differs); the backup is damaged.</source>
        <translation>قاعدة البيانات في {path} لا تطابق ملف البيان (المجموع الاختباري مختلف)؛ النسخة الاحتياطية تالفة.</translation>
    </message>
    <message>
        <source>The database in {path} is damaged ({problem}).</source>
        <translation>قاعدة البيانات في {path} تالفة ({problem}).</translation>
    </message>
    <message>
        <source>The database in {path} is not a shelter_app database.</source>
        <translation>قاعدة البيانات في {path} ليست قاعدة بيانات shelter_app.</translation>
    </message>
    <message>
        <source>{path} was made by a newer version of shelter_app (schema {revision}); install that version to restore it.</source>
        <translation>أُنشئ {path} بإصدار أحدث من shelter_app (المخطط {revision})؛ ثبّت ذلك الإصدار لاستعادته.</translation>
    </message>
    <message>
        <source>Photo {sha} listed in the manifest is missing from {path}.</source>
        <translation>الصورة {sha} المدرجة في ملف البيان مفقودة من {path}.</translation>
    </message>
    <message>
        <source>Photo {sha} in {path} is damaged (its content does not match its name).</source>
        <translation>الصورة {sha} في {path} تالفة (محتواها لا يطابق اسمها).</translation>
    </message>
    <message>
        <source>Restoring into {path} failed: {reason}.</source>
        <translation>فشلت الاستعادة إلى {path}: {reason}.</translation>
    </message>
    <message>
        <source>There is no database at {path}.</source>
        <translation>لا توجد قاعدة بيانات في {path}.</translation>
    </message>
    <message>
        <source>The database {path} is not damaged; nothing was changed.</source>
        <translation>قاعدة البيانات {path} ليست تالفة؛ لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>The database {path} is damaged and no sound automatic backup was found in {folder}; the file was left untouched. Restore an archive.</source>
        <translation>قاعدة البيانات {path} تالفة ولم يُعثر على نسخة احتياطية تلقائية سليمة في {folder}؛ لم يُمَسّ الملف. استعد أرشيفًا.</translation>
    </message>
    <message>
        <source>{path} was made by a newer version of shelter_app (backup format {format}); install that version to restore it.</source>
        <extracomment>photos the database refers to whose file was absent or damaged when the backup was made</extracomment>
        <translation>أُنشئ {path} بإصدار أحدث من shelter_app (صيغة النسخ الاحتياطي {format})؛ ثبّت ذلك الإصدار لاستعادته.</translation>
    </message>
    <message>
        <source>The manifest of {path} cannot be read ({reason}); the backup is damaged.</source>
        <translation>يتعذّر قراءة ملف البيان الخاص بـ {path} ({reason})؛ النسخة الاحتياطية تالفة.</translation>
    </message>
    <message>
        <source>The backup was cancelled; nothing was kept.</source>
        <translation>أُلغي النسخ الاحتياطي؛ لم يُحفظ شيء.</translation>
    </message>
    <message>
        <source>Backups cover SQLite database files; back up the server database {name} with the server's own tools.</source>
        <translation>تشمل النسخ الاحتياطية ملفات قواعد بيانات SQLite؛ انسخ قاعدة بيانات الخادم {name} احتياطيًا بأدوات الخادم نفسه.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}.</source>
        <translation>تتعذّر الكتابة في {path}: {reason}.</translation>
    </message>
    <message>
        <source>Another backup into {folder} is running; try again when it has finished.</source>
        <translation>يجري نسخ احتياطي آخر إلى {folder}؛ حاول مجددًا بعد انتهائه.</translation>
    </message>
</context>
<context>
    <name>boq</name>
    <message>
        <source>Insulation</source>
        <extracomment>The largest quantity the column holds (Numeric(12, 3)).</extracomment>
        <translation>العزل</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>الأبواب</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>النوافذ</translation>
    </message>
    <message>
        <source>Plaster and painting</source>
        <translation>اللياسة والدهان</translation>
    </message>
    <message>
        <source>Roof</source>
        <translation>السقف</translation>
    </message>
    <message>
        <source>Other works</source>
        <translation>أعمال أخرى</translation>
    </message>
    <message>
        <source>Enter the quantity as a number, e.g. 12,5.</source>
        <extracomment>KDV rate -&gt; (base incl. contingency, KDV amount), rates ascending</extracomment>
        <translation>أدخل الكمية رقمًا، مثل 12,5.</translation>
    </message>
    <message>
        <source>The quantity must be more than zero; remove the line instead of entering {value}.</source>
        <translation>يجب أن تكون الكمية أكبر من صفر؛ احذف السطر بدلًا من إدخال {value}.</translation>
    </message>
    <message>
        <source>The quantity {value} is out of range; enter at most {places} decimals and less than a billion.</source>
        <translation>الكمية {value} خارج النطاق؛ أدخل {places} منازل عشرية على الأكثر وقيمة أقل من مليار.</translation>
    </message>
    <message>
        <source>Enter a percentage from 0 to 100, e.g. 10 or 7,5.</source>
        <translation>أدخل نسبة مئوية من 0 إلى 100، مثل 10 أو 7,5.</translation>
    </message>
    <message>
        <source>{code}: {quantity} {unit} is more than one dwelling usually needs (over {limit}); check for a typing error.</source>
        <translation>{code}: {quantity} {unit} أكثر مما يحتاجه مسكن واحد عادةً (أكثر من {limit})؛ تحقّق من عدم وجود خطأ في الكتابة.</translation>
    </message>
    <message>
        <source>The total with KDV ({amount}) is over the budget ceiling per dwelling ({ceiling}).</source>
        <translation>المجموع مع ضريبة القيمة المضافة ({amount}) يتجاوز سقف الميزانية لكل مسكن ({ceiling}).</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>مُرسَل</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>معتمَد</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>مُعاد</translation>
    </message>
    <message>
        <source>{code} has been withdrawn from the catalogue since it was priced; check it is still the right item.</source>
        <translation>سُحب {code} من القائمة بعد تسعيره؛ تحقّق من أنه لا يزال البند الصحيح.</translation>
    </message>
    <message>
        <source>{ref} belongs to another office; ask that office.</source>
        <translation>{ref} تابع لمكتب آخر؛ راجع ذلك المكتب.</translation>
    </message>
    <message>
        <source>That bill of quantities does not exist any more.</source>
        <translation>جدول الكميات هذا لم يعد موجودًا.</translation>
    </message>
    <message>
        <source>{ref} is approved and locked; ask a supervisor to open a revision to change it.</source>
        <translation>{ref} معتمَد ومقفل؛ اطلب من مشرف فتح مراجعة لتغييره.</translation>
    </message>
    <message>
        <source>{ref} is submitted and waiting for approval; it can be changed again if the supervisor returns it.</source>
        <translation>{ref} مُرسَل وينتظر الموافقة؛ يمكن تغييره مجددًا إذا أعاده المشرف.</translation>
    </message>
    <message>
        <source>No bill of quantities {ref} exists; give a BoQ reference (GAZ-D-000123-B1) or a dwelling's.</source>
        <translation>لا يوجد جدول كميات {ref}؛ أدخل رقم جدول كميات (GAZ-D-000123-B1) أو رقم مسكن.</translation>
    </message>
    <message>
        <source>No dwelling {ref} exists; check the reference.</source>
        <translation>لا يوجد مسكن {ref}؛ تحقّق من الرقم المرجعي.</translation>
    </message>
    <message>
        <source>{ref} is not assessed yet; record its assessment before pricing the works.</source>
        <translation>لم يُقيَّم {ref} بعد؛ سجّل تقييمه قبل تسعير الأعمال.</translation>
    </message>
    <message>
        <source>{ref} already has the bill of quantities {boq}; open it from the list.</source>
        <translation>لدى {ref} جدول الكميات {boq} بالفعل؛ افتحه من القائمة.</translation>
    </message>
    <message>
        <source>That catalogue item does not exist any more.</source>
        <translation>بند القائمة هذا لم يعد موجودًا.</translation>
    </message>
    <message>
        <source>{code} has been withdrawn from the catalogue; choose another item.</source>
        <translation>سُحب {code} من القائمة؛ اختر بندًا آخر.</translation>
    </message>
    <message>
        <source>That line does not exist any more; reopen the BoQ.</source>
        <translation>هذا السطر لم يعد موجودًا؛ أعد فتح جدول الكميات.</translation>
    </message>
    <message>
        <source>{ref} has no lines; add the works before submitting.</source>
        <translation>لا يحتوي {ref} على أي سطر؛ أضف الأعمال قبل الإرسال.</translation>
    </message>
    <message>
        <source>{ref} is {status}, not submitted; only a submitted BoQ can be approved or returned.</source>
        <translation>حالة {ref} هي {status} وليست مُرسَلة؛ لا يمكن اعتماد جدول الكميات أو إعادته إلا بعد إرساله.</translation>
    </message>
    <message>
        <source>Say why the BoQ is returned, so the engineer knows what to change.</source>
        <translation>اذكر سبب إعادة جدول الكميات، ليعرف المهندس ما يجب تغييره.</translation>
    </message>
    <message>
        <source>Say why the approved BoQ is reopened; the reason goes into the audit trail.</source>
        <translation>اذكر سبب إعادة فتح جدول الكميات المعتمد؛ يُسجَّل السبب في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Only an approved BoQ is revised; {ref} is {status} and can be edited as it is.</source>
        <translation>لا تُفتح مراجعة إلا لجدول كميات معتمد؛ حالة {ref} هي {status} ويمكن تعديله كما هو.</translation>
    </message>
    <message>
        <source>{ref} already has a newer revision; open that one.</source>
        <translation>لدى {ref} مراجعة أحدث بالفعل؛ افتحها.</translation>
    </message>
    <message>
        <source>Exterior walls (insulation, facade paint)</source>
        <translation>الجدران الخارجية (العزل، دهان الواجهة)</translation>
    </message>
    <message>
        <source>Interior walls (plaster, paint)</source>
        <translation>الجدران الداخلية (اللياسة، الدهان)</translation>
    </message>
    <message>
        <source>Windows, frame area</source>
        <translation>النوافذ، مساحة الإطارات</translation>
    </message>
    <message>
        <source>Floor (ceiling, roof)</source>
        <translation>الأرضية (السقف، السطح)</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <extracomment>The assessment component whose photo illustrates each category of work.</extracomment>
        <translation>تتعذّر الكتابة في {path}: {error}</translation>
    </message>
</context>
<context>
    <name>case_flow</name>
    <message>
        <source>A case at stage {current} cannot move to {target}; the next stage can only be: {allowed}.</source>
        <extracomment>the latest assessment's decision; None when the dwelling was never assessed from stage -&gt; {to stage: what must be true}</extracomment>
        <translation>لا يمكن لحالة في المرحلة {current} الانتقال إلى {target}؛ يمكن أن تكون المرحلة التالية فقط: {allowed}.</translation>
    </message>
    <message>
        <source>none (the case is at its end)</source>
        <translation>لا شيء (الحالة في نهايتها)</translation>
    </message>
    <message>
        <source>Link the household that lives in the dwelling first.</source>
        <translation>اربط أولًا الأسرة التي تسكن في المسكن.</translation>
    </message>
    <message>
        <source>Record the dwelling's landlord first.</source>
        <translation>سجّل أولًا مالك المسكن.</translation>
    </message>
    <message>
        <source>The latest assessment must find the dwelling eligible; record an assessment with the decision 'eligible' first.</source>
        <translation>يجب أن يجد أحدث تقييم أن المسكن مؤهَّل؛ سجّل أولًا تقييمًا بالقرار 'مؤهَّل'.</translation>
    </message>
    <message>
        <source>Draft a bill of quantities for the dwelling first.</source>
        <translation>أعدّ أولًا جدول كميات للمسكن.</translation>
    </message>
    <message>
        <source>No agreement or approval step before an approved bill of quantities: a supervisor must approve the BoQ first.</source>
        <translation>لا اتفاقية ولا خطوة موافقة قبل اعتماد جدول الكميات: يجب أن يعتمد المشرف جدول الكميات أولًا.</translation>
    </message>
    <message>
        <source>The landlord agreement must be signed first.</source>
        <translation>يجب توقيع اتفاقية المالك أولًا.</translation>
    </message>
    <message>
        <source>Record the final assessment that closes the works first.</source>
        <translation>سجّل أولًا التقييم النهائي الذي يُغلق الأعمال.</translation>
    </message>
    <message>
        <source>{ref} cannot move to {stage}: {reasons}</source>
        <extracomment>agreement statuses that count as signed for the flow</extracomment>
        <translation>لا يمكن نقل {ref} إلى {stage}: {reasons}</translation>
    </message>
</context>
<context>
    <name>cases</name>
    <message>
        <source>Your account belongs to no office, so it cannot register cases; ask the administrator.</source>
        <translation>حسابك غير تابع لأي مكتب، لذا لا يمكنه تسجيل حالات؛ راجع مدير النظام.</translation>
    </message>
    <message>
        <source>{ref} belongs to another office; ask that office or an administrator.</source>
        <translation>{ref} تابع لمكتب آخر؛ راجع ذلك المكتب أو مدير النظام.</translation>
    </message>
    <message>
        <source>No dwelling {ref} exists; check the reference.</source>
        <translation>لا يوجد مسكن {ref}؛ تحقّق من الرقم المرجعي.</translation>
    </message>
    <message>
        <source>No household {ref} exists; check the reference.</source>
        <translation>لا توجد أسرة {ref}؛ تحقّق من الرقم المرجعي.</translation>
    </message>
</context>
<context>
    <name>catalogue</name>
    <message>
        <source>That price catalogue does not exist any more.</source>
        <extracomment>The spreadsheet's columns, in order; import reads them by header name.</extracomment>
        <translation>قائمة الأسعار هذه لم تعد موجودة.</translation>
    </message>
    <message>
        <source>Catalogue {label} is published and cannot change; create a new version to change prices.</source>
        <translation>القائمة {label} منشورة ولا يمكن تغييرها؛ أنشئ إصدارًا جديدًا لتغيير الأسعار.</translation>
    </message>
    <message>
        <source>Name the version, e.g. 2026-07.</source>
        <translation>سمِّ الإصدار، مثل 2026-07.</translation>
    </message>
    <message>
        <source>Enter the date the prices apply from.</source>
        <translation>أدخل التاريخ الذي تسري منه الأسعار.</translation>
    </message>
    <message>
        <source>A version named {label} exists; choose another name.</source>
        <translation>يوجد إصدار باسم {label}؛ اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>That catalogue item does not exist any more.</source>
        <translation>بند القائمة هذا لم يعد موجودًا.</translation>
    </message>
    <message>
        <source>Catalogue {label} has no items; add or import items first.</source>
        <translation>لا تحتوي القائمة {label} على بنود؛ أضف بنودًا أو استوردها أولًا.</translation>
    </message>
    <message>
        <source>A unit price must be more than zero.</source>
        <translation>يجب أن يكون سعر الوحدة أكبر من صفر.</translation>
    </message>
    <message>
        <source>Cannot read {path} as an XLSX spreadsheet: {error}</source>
        <translation>تتعذّر قراءة {path} كجدول بيانات XLSX: {error}</translation>
    </message>
    <message>
        <source>The first row must name the columns; missing: {columns}.</source>
        <translation>يجب أن يحمل الصف الأول أسماء الأعمدة؛ الناقص: {columns}.</translation>
    </message>
    <message>
        <source>Row {row}: </source>
        <translation>الصف {row}: </translation>
    </message>
    <message>
        <source>Row {row}: code {code} appears twice.</source>
        <translation>الصف {row}: الرمز {code} مكرَّر.</translation>
    </message>
    <message>
        <source>The spreadsheet has no items.</source>
        <translation>لا يحتوي جدول البيانات على بنود.</translation>
    </message>
    <message>
        <source>{column} is empty.</source>
        <translation>{column} فارغ.</translation>
    </message>
    <message>
        <source>category '{value}' is unknown; use one of {choices}.</source>
        <translation>الفئة '{value}' غير معروفة؛ استخدم إحدى الفئات: {choices}.</translation>
    </message>
    <message>
        <source>KDV rate {value} is not a percentage.</source>
        <translation>نسبة ضريبة القيمة المضافة {value} ليست نسبة مئوية.</translation>
    </message>
    <message>
        <source>code (20) or unit (12) is too long.</source>
        <translation>الرمز (20) أو الوحدة (12) طويل جدًا.</translation>
    </message>
    <message>
        <source>{column} {value} needs at most two decimals.</source>
        <translation>يجب ألا يتجاوز {column} {value} منزلتين عشريتين.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
</context>
<context>
    <name>check</name>
    <message>
        <source>Integrity: {detail}</source>
        <translation>السلامة: {detail}</translation>
    </message>
    <message>
        <source>Foreign key: row {rowid} of {table} points to a missing {parent}.</source>
        <translation>مفتاح خارجي: الصف {rowid} من {table} يشير إلى {parent} غير موجود.</translation>
    </message>
    <message>
        <source>Schema is at revision {found}, expected {expected}; run shelter-app migrate.</source>
        <translation>المخطط في المراجعة {found}، والمتوقَّع {expected}؛ شغّل shelter-app migrate.</translation>
    </message>
    <message>
        <source>Photo {id}: file {path} is missing.</source>
        <translation>الصورة {id}: الملف {path} مفقود.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>database file or SQLAlchemy URL (default: ${env} or the user data folder)</source>
        <translation>ملف قاعدة البيانات أو عنوان SQLAlchemy URL (الافتراضي: ${env} أو مجلد بيانات المستخدم)</translation>
    </message>
    <message>
        <source>Barınak: shelter rehabilitation case management.</source>
        <translation>Barınak: إدارة حالات إعادة تأهيل المأوى.</translation>
    </message>
    <message>
        <source>fill an empty database with demo data</source>
        <translation>ملء قاعدة بيانات فارغة ببيانات تجريبية</translation>
    </message>
    <message>
        <source>number of dwellings</source>
        <translation>عدد المساكن</translation>
    </message>
    <message>
        <source>do nothing when the database already has data</source>
        <translation>لا تفعل شيئًا إذا كانت قاعدة البيانات تحتوي على بيانات</translation>
    </message>
    <message>
        <source>list records</source>
        <translation>عرض السجلات</translation>
    </message>
    <message>
        <source>words to search for</source>
        <translation>الكلمات المراد البحث عنها</translation>
    </message>
    <message>
        <source>check the database and its files</source>
        <translation>فحص قاعدة البيانات وملفاتها</translation>
    </message>
    <message>
        <source>back up and upgrade the database schema</source>
        <translation>نسخ قاعدة البيانات احتياطيًا وترقية مخططها</translation>
    </message>
    <message>
        <source>back up the database and its photos</source>
        <translation>نسخ قاعدة البيانات وصورها احتياطيًا</translation>
    </message>
    <message>
        <source>write one .zip archive here (for a USB stick) instead of an automatic snapshot</source>
        <translation>كتابة أرشيف ‎.zip واحد هنا (لذاكرة USB) بدلًا من لقطة تلقائية</translation>
    </message>
    <message>
        <source>replace the database with a backup</source>
        <translation>استبدال قاعدة البيانات بنسخة احتياطية</translation>
    </message>
    <message>
        <source>a .zip archive or an automatic snapshot (.db)</source>
        <translation>أرشيف ‎.zip أو لقطة تلقائية (‎.db)</translation>
    </message>
    <message>
        <source>print a document to a PDF file</source>
        <translation>طباعة مستند إلى ملف PDF</translation>
    </message>
    <message>
        <source>a bill of quantities (by its reference, or a dwelling's for its newest revision)</source>
        <translation>جدول كميات (برقمه المرجعي، أو برقم المسكن لأحدث مراجعة)</translation>
    </message>
    <message>
        <source>e.g. GAZ-D-000123-B1 or GAZ-D-000123</source>
        <translation>مثل GAZ-D-000123-B1 أو GAZ-D-000123</translation>
    </message>
    <message>
        <source>the file to write</source>
        <translation>الملف المراد كتابته</translation>
    </message>
    <message>
        <source>add the English descriptions</source>
        <translation>إضافة الأوصاف بالإنجليزية</translation>
    </message>
    <message>
        <source>a thumbnail of the dwelling's photo per line</source>
        <translation>صورة مصغّرة من صور المسكن لكل سطر</translation>
    </message>
    <message>
        <source>export or erase one person's data (KVKK)</source>
        <translation>تصدير بيانات شخص واحد أو محوها (KVKK)</translation>
    </message>
    <message>
        <source>write everything held on one person to a JSON file</source>
        <translation>كتابة كل ما هو محفوظ عن شخص واحد في ملف JSON</translation>
    </message>
    <message>
        <source>pseudonymise one person: names, ID numbers, phones and IBANs are removed</source>
        <translation>إخفاء هوية شخص واحد: تُزال الأسماء وأرقام الهوية والهواتف وأرقام IBAN</translation>
    </message>
    <message>
        <source>the person's reference, e.g. GAZ-H-000123</source>
        <translation>الرقم المرجعي للشخص، مثل GAZ-H-000123</translation>
    </message>
    <message>
        <source>why, for the audit trail</source>
        <translation>السبب، لسجل التدقيق</translation>
    </message>
    <message>
        <source>list people whose retention period has ended</source>
        <translation>عرض الأشخاص الذين انتهت مدة الاحتفاظ ببياناتهم</translation>
    </message>
    <message>
        <source>{done}/{total} dwellings</source>
        <translation>{done}/{total} مسكن</translation>
    </message>
    <message>
        <source>Created {dwellings} dwellings, {households} households and {landlords} landlords in {offices} offices in {seconds:.1f} s ({db}).</source>
        <translation>أُنشئ {dwellings} مسكن و{households} أسرة و{landlords} مالك في {offices} مكاتب خلال {seconds:.1f} ث ({db}).</translation>
    </message>
    <message>
        <source>{db}: no problems found.</source>
        <translation>{db}: لم يُعثر على مشكلات.</translation>
    </message>
    <message>
        <source>{db} is at schema {revision}.</source>
        <translation>{db} على المخطط {revision}.</translation>
    </message>
    <message>
        <source>Wrote {kind} {ref} to {path}; linked records: {records}, audit events: {events}.</source>
        <translation>تمت كتابة {kind} {ref} في {path}؛ السجلات المرتبطة: {records}، أحداث التدقيق: {events}.</translation>
    </message>
    <message>
        <source>Pseudonymised {kind} {ref} as "{name}"; people: {people}, dwellings reindexed: {dwellings}, audit events scrubbed: {events}.</source>
        <translation>أُخفيت هوية {kind} {ref} باسم "{name}"؛ الأشخاص: {people}، المساكن المُعاد فهرستها: {dwellings}، أحداث التدقيق المنقّاة: {events}.</translation>
    </message>
    <message>
        <source>No one is due for erasure.</source>
        <translation>لا يوجد أحد مستحق للمحو.</translation>
    </message>
    <message>
        <source>Nothing changed since the backup {path}; no new snapshot ({seconds:.2f} s).</source>
        <translation>لم يتغيّر شيء منذ النسخة الاحتياطية {path}؛ لا لقطة جديدة ({seconds:.2f} ث).</translation>
    </message>
    <message>
        <source>Wrote {path} ({size:.1f} MB, {photos} photos copied) in {seconds:.1f} s.</source>
        <translation>تمت كتابة {path} ({size:.1f} ميغابايت، نُسخت {photos} صور) خلال {seconds:.1f} ث.</translation>
    </message>
    <message>
        <source>Removed the old snapshot {path}.</source>
        <translation>أُزيلت اللقطة القديمة {path}.</translation>
    </message>
    <message>
        <source>restore replaces a SQLite database file; {db} is not one.</source>
        <translation>يستبدل restore ملف قاعدة بيانات SQLite؛ و{db} ليس كذلك.</translation>
    </message>
    <message>
        <source>Restored {target} from {source} (backup made {created}).</source>
        <translation>تمت استعادة {target} من {source} (النسخة الاحتياطية مُنشأة في {created}).</translation>
    </message>
    <message>
        <source>The replaced database was kept as {path}.</source>
        <translation>حُفظت قاعدة البيانات المستبدَلة باسم {path}.</translation>
    </message>
    <message>
        <source>Wrote {number} ({lines} lines) to {path}.</source>
        <translation>تمت كتابة {number} ({lines} أسطر) في {path}.</translation>
    </message>
</context>
<context>
    <name>database</name>
    <message>
        <source>{path} is a folder; give the path of a database file.</source>
        <extracomment>The newest migration in db/versions; a test keeps it equal to Alembic's head, so start-up can skip loading Alembic when the database is already current.</extracomment>
        <translation>{path} مجلد؛ أدخل مسار ملف قاعدة بيانات.</translation>
    </message>
    <message>
        <source>Cannot create the folder {folder}: {reason}.</source>
        <translation>يتعذّر إنشاء المجلد {folder}: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write to {path}: permission denied. Choose a folder you may write to (--db PATH).</source>
        <translation>تتعذّر الكتابة في {path}: تم رفض الإذن. اختر مجلدًا يُسمح لك بالكتابة فيه (‎--db PATH).</translation>
    </message>
    <message>
        <source>{path} is not a shelter_app database (it is not a SQLite file). It was left untouched; check the path given with --db.</source>
        <translation>{path} ليس قاعدة بيانات shelter_app (ليس ملف SQLite). لم يُمَسّ الملف؛ تحقّق من المسار المُعطى مع ‎--db.</translation>
    </message>
    <message>
        <source>The database {path} is damaged ({problem}). It was left untouched; restore the latest backup.</source>
        <translation>قاعدة البيانات {path} تالفة ({problem}). لم يُمَسّ الملف؛ استعد أحدث نسخة احتياطية.</translation>
    </message>
    <message>
        <source>There is no database at {path}; check the path.</source>
        <translation>لا توجد قاعدة بيانات في {path}؛ تحقّق من المسار.</translation>
    </message>
    <message>
        <source>{name} holds tables but is not a shelter_app database; it was left untouched.</source>
        <translation>يحتوي {name} على جداول لكنه ليس قاعدة بيانات shelter_app؛ لم يُمَسّ.</translation>
    </message>
    <message>
        <source>{name} was written by a newer version of shelter_app (schema {revision}). Install the newer version to open it; the file was left untouched.</source>
        <translation>كُتب {name} بإصدار أحدث من shelter_app (المخطط {revision}). ثبّت الإصدار الأحدث لفتحه؛ لم يُمَسّ الملف.</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <source>--size must be at least 1.</source>
        <extracomment>How often each stage occurs; early stages are the most common in a running programme. Every demo user signs in with this password (see README); never used outside demo data.</extracomment>
        <translation>يجب ألا تقل قيمة ‎--size عن 1.</translation>
    </message>
    <message>
        <source>The database already holds {count} dwellings; demo data only goes into an empty database. Use --db to name a new file.</source>
        <translation>تحتوي قاعدة البيانات بالفعل على {count} مسكن؛ لا تُضاف البيانات التجريبية إلا إلى قاعدة بيانات فارغة. استخدم ‎--db لتسمية ملف جديد.</translation>
    </message>
</context>
<context>
    <name>dwelling</name>
    <message>
        <source>Apartment flat</source>
        <extracomment>Türkiye's bounding box, generously rounded (DOMAIN.md, Places)</extracomment>
        <translation>شقة في بناية</translation>
    </message>
    <message>
        <source>Detached house</source>
        <translation>منزل مستقل</translation>
    </message>
    <message>
        <source>Basement flat</source>
        <translation>شقة في القبو</translation>
    </message>
    <message>
        <source>Annex or outbuilding</source>
        <translation>ملحق أو مبنى خارجي</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <source>The floor area must be more than 0 m²; '{raw}' cannot be right.</source>
        <translation>يجب أن تكون مساحة الأرضية أكبر من 0 م²؛ لا يمكن أن تكون '{raw}' صحيحة.</translation>
    </message>
    <message>
        <source>A floor area of {raw} m² is more than any rented family dwelling ({most} m² at most); check for a typing error, e.g. a missing decimal comma.</source>
        <translation>مساحة أرضية قدرها {raw} م² أكبر من أي مسكن عائلي مستأجَر ({most} م² على الأكثر)؛ تحقّق من عدم وجود خطأ في الكتابة، مثل فاصلة عشرية ناقصة.</translation>
    </message>
    <message>
        <source>Enter the number of rooms as a whole number from 1 to {most}; '{raw}' is not one.</source>
        <translation>أدخل عدد الغرف عددًا صحيحًا من 1 إلى {most}؛ '{raw}' ليس كذلك.</translation>
    </message>
    <message>
        <source>The position {lat}, {lon} is outside Türkiye. Check that latitude (about 36–42) and longitude (about 26–45) are not swapped or mistyped.</source>
        <translation>الموقع {lat}، {lon} خارج تركيا. تحقّق من أن خط العرض (نحو 36–42) وخط الطول (نحو 26–45) غير متبادلين أو مكتوبين خطأً.</translation>
    </message>
    <message>
        <source>Enter both latitude and longitude, or neither.</source>
        <translation>أدخل خط العرض وخط الطول معًا، أو لا تدخل أيًا منهما.</translation>
    </message>
    <message>
        <source>'{raw}' is not a {name} in decimal degrees (from -{limit} to {limit}).</source>
        <translation>'{raw}' ليس {name} بالدرجات العشرية (من ‎-{limit} إلى {limit}).</translation>
    </message>
    <message>
        <source>latitude</source>
        <translation>خط عرض</translation>
    </message>
    <message>
        <source>longitude</source>
        <translation>خط طول</translation>
    </message>
</context>
<context>
    <name>dwellings</name>
    <message>
        <source>province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>district</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>neighbourhood (mahalle)</source>
        <translation>الحي (mahalle)</translation>
    </message>
    <message>
        <source>street</source>
        <translation>الشارع</translation>
    </message>
    <message>
        <source>building number</source>
        <translation>رقم البناء</translation>
    </message>
    <message>
        <source>flat number</source>
        <translation>رقم الشقة</translation>
    </message>
    <message>
        <source>Choose the type of dwelling.</source>
        <translation>اختر نوع المسكن.</translation>
    </message>
    <message>
        <source>Choose whether the landlord is a person or a company.</source>
        <translation>اختر ما إذا كان المالك شخصًا أم شركة.</translation>
    </message>
    <message>
        <source>landlord's name</source>
        <translation>اسم المالك</translation>
    </message>
    <message>
        <source>No landlord {ref} exists; check the reference or enter a new landlord's name.</source>
        <translation>لا يوجد مالك {ref}؛ تحقّق من الرقم المرجعي أو أدخل اسم مالك جديد.</translation>
    </message>
    <message>
        <source>The landlord and the head of household have the same ID number; the programme supports tenants, not owners.</source>
        <translation>للمالك ولرب الأسرة رقم الهوية نفسه؛ يدعم البرنامج المستأجرين لا المالكين.</translation>
    </message>
    <message>
        <source>This tax number is already registered as landlord {refs}; enter that reference instead of registering the company again.</source>
        <translation>هذا الرقم الضريبي مسجَّل بالفعل للمالك {refs}؛ أدخل ذلك الرقم المرجعي بدلًا من تسجيل الشركة مرة أخرى.</translation>
    </message>
    <message>
        <source>No landlord {ref} exists; check the reference.</source>
        <translation>لا يوجد مالك {ref}؛ تحقّق من الرقم المرجعي.</translation>
    </message>
    <message>
        <source>No dwelling {ref} exists; check the reference.</source>
        <translation>لا يوجد مسكن {ref}؛ تحقّق من الرقم المرجعي.</translation>
    </message>
    <message>
        <source>{size} people, {nationality}</source>
        <translation>{size} أفراد، {nationality}</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Enter the {label}.</source>
        <translation>أدخل {label}.</translation>
    </message>
    <message>
        <source>The {label} is too long: {count} characters, at most {most}.</source>
        <translation>{label} طويل جدًا: {count} حرفًا، والحد الأقصى {most}.</translation>
    </message>
    <message>
        <source>The {label} {day} is in the future; enter the day it happened.</source>
        <translation>{label} {day} في المستقبل؛ أدخل اليوم الذي حدث فيه.</translation>
    </message>
    <message>
        <source>The {label} {day} is before {earliest}; check the year.</source>
        <translation>{label} {day} قبل {earliest}؛ تحقّق من السنة.</translation>
    </message>
</context>
<context>
    <name>household</name>
    <message>
        <source>Girls 0–17</source>
        <extracomment>more people in one band than this is a typing error, not a household</extracomment>
        <translation>الفتيات 0–17</translation>
    </message>
    <message>
        <source>Boys 0–17</source>
        <translation>الفتيان 0–17</translation>
    </message>
    <message>
        <source>Women 18–59</source>
        <translation>النساء 18–59</translation>
    </message>
    <message>
        <source>Men 18–59</source>
        <translation>الرجال 18–59</translation>
    </message>
    <message>
        <source>Women 60+</source>
        <translation>النساء 60+</translation>
    </message>
    <message>
        <source>Men 60+</source>
        <translation>الرجال 60+</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>الإعاقة</translation>
    </message>
    <message>
        <source>Chronic illness</source>
        <translation>مرض مزمن</translation>
    </message>
    <message>
        <source>Older person</source>
        <translation>شخص مسن</translation>
    </message>
    <message>
        <source>Female-headed household</source>
        <translation>أسرة تعيلها امرأة</translation>
    </message>
    <message>
        <source>Child-headed household</source>
        <translation>أسرة يعيلها طفل</translation>
    </message>
    <message>
        <source>Pregnant or lactating woman</source>
        <translation>امرأة حامل أو مرضع</translation>
    </message>
    <message>
        <source>{band}: enter a whole number of people from 0 to {most}.</source>
        <translation>{band}: أدخل عدد الأشخاص عددًا صحيحًا من 0 إلى {most}.</translation>
    </message>
    <message>
        <source>Count the household's members, the head included: at least one person.</source>
        <translation>عُدّ أفراد الأسرة بمن فيهم ربّها: شخص واحد على الأقل.</translation>
    </message>
</context>
<context>
    <name>households</name>
    <message>
        <source>name of the head of household</source>
        <translation>اسم رب الأسرة</translation>
    </message>
    <message>
        <source>nationality</source>
        <translation>الجنسية</translation>
    </message>
    <message>
        <source>Choose the protection status.</source>
        <translation>اختر وضع الحماية.</translation>
    </message>
    <message>
        <source>Record the day the head of household consented to the processing of their data; without consent the programme may not register them.</source>
        <translation>سجّل اليوم الذي وافق فيه رب الأسرة على معالجة بياناته؛ لا يجوز للبرنامج تسجيله دون موافقة.</translation>
    </message>
    <message>
        <source>consent date</source>
        <translation>تاريخ الموافقة</translation>
    </message>
    <message>
        <source>This ID number is already registered as {refs}. If it is the same person, open that record instead of registering them twice; save again only if both records are right.</source>
        <translation>رقم الهوية هذا مسجَّل بالفعل باسم {refs}. إذا كان الشخص نفسه فافتح ذلك السجل بدلًا من تسجيله مرتين؛ ولا تحفظ مجددًا إلا إذا كان السجلان صحيحين.</translation>
    </message>
</context>
<context>
    <name>iban</name>
    <message>
        <source>Enter the IBAN.</source>
        <translation>أدخل رقم IBAN.</translation>
    </message>
    <message>
        <source>An IBAN has only letters and digits; remove '{char}'.</source>
        <translation>يتكوّن رقم IBAN من حروف وأرقام فقط؛ احذف '{char}'.</translation>
    </message>
    <message>
        <source>Only Turkish IBANs can be used: it must start with TR, not '{prefix}'.</source>
        <translation>لا يمكن استخدام إلا أرقام IBAN التركية: يجب أن يبدأ بـ TR لا بـ '{prefix}'.</translation>
    </message>
    <message>
        <source>A Turkish IBAN has 26 characters; this one has {count}.</source>
        <translation>يتكوّن رقم IBAN التركي من 26 خانة؛ وهذا يتكوّن من {count}.</translation>
    </message>
    <message>
        <source>Characters 3 and 4 of an IBAN are check digits; '{digits}' is not a number.</source>
        <translation>الخانتان 3 و4 من رقم IBAN هما رقما التحقق؛ و'{digits}' ليس رقمًا.</translation>
    </message>
    <message>
        <source>Characters 5 to 9 of a Turkish IBAN are the bank code and must be digits.</source>
        <translation>الخانات من 5 إلى 9 في رقم IBAN التركي هي رمز المصرف ويجب أن تكون أرقامًا.</translation>
    </message>
    <message>
        <source>Character 10 of a Turkish IBAN is the reserve digit and must be 0, not '{char}'.</source>
        <translation>الخانة 10 في رقم IBAN التركي خانة احتياطية ويجب أن تكون 0 لا '{char}'.</translation>
    </message>
    <message>
        <source>The IBAN check digits do not match; check for a typing error.</source>
        <translation>رقما التحقق في IBAN غير متطابقين؛ تحقّق من عدم وجود خطأ في الكتابة.</translation>
    </message>
</context>
<context>
    <name>ids</name>
    <message>
        <source>ID number must have 11 digits; '{raw}' has {count}.</source>
        <translation>يجب أن يتكوّن رقم الهوية من 11 رقمًا؛ و'{raw}' يتكوّن من {count}.</translation>
    </message>
    <message>
        <source>The check digits of foreign ID number {value} do not match. Compare it with the residence permit card; it is accepted because some issued numbers do not follow the checksum.</source>
        <translation>رقما التحقق في رقم هوية الأجنبي {value} غير متطابقين. قارنه ببطاقة الإقامة؛ قُبل الرقم لأن بعض الأرقام الصادرة لا تتبع قاعدة التحقق.</translation>
    </message>
    <message>
        <source>A TC Kimlik No cannot start with 0; check the number {value}.</source>
        <translation>لا يمكن أن يبدأ رقم الهوية التركي (TC Kimlik No) بـ 0؛ تحقّق من الرقم {value}.</translation>
    </message>
    <message>
        <source>The check digits of TC Kimlik No {value} do not match; check for a typing error.</source>
        <translation>رقما التحقق في رقم الهوية التركي {value} غير متطابقين؛ تحقّق من عدم وجود خطأ في الكتابة.</translation>
    </message>
    <message>
        <source>A company tax number has 10 digits; '{raw}' has 11. A person's tax number is their TC Kimlik No: enter it as the ID number instead.</source>
        <translation>يتكوّن الرقم الضريبي للشركة من 10 أرقام؛ و'{raw}' يتكوّن من 11. الرقم الضريبي للشخص هو رقم هويته التركي: أدخله كرقم هوية بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>A company tax number has 10 digits; '{raw}' has {count}.</source>
        <translation>يتكوّن الرقم الضريبي للشركة من 10 أرقام؛ و'{raw}' يتكوّن من {count}.</translation>
    </message>
    <message>
        <source>The check digit of tax number {value} does not match; check for a typing error.</source>
        <translation>رقم التحقق في الرقم الضريبي {value} غير متطابق؛ تحقّق من عدم وجود خطأ في الكتابة.</translation>
    </message>
    <message>
        <source>Enter the number.</source>
        <translation>أدخل الرقم.</translation>
    </message>
    <message>
        <source>Use only the digits 0-9; remove '{char}' from '{raw}'.</source>
        <translation>استخدم الأرقام 0-9 فقط؛ احذف '{char}' من '{raw}'.</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>Interface language</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <source>Your interface language is {language}; shelter_app shows it from the next start.</source>
        <translation>لغة واجهتك هي {language}؛ سيعرضها shelter_app عند التشغيل القادم.</translation>
    </message>
</context>
<context>
    <name>money</name>
    <message>
        <source>Enter a number.</source>
        <translation>أدخل رقمًا.</translation>
    </message>
    <message>
        <source>'{raw}' is not a number; write it like 1.234,56 or 1234.56.</source>
        <translation>'{raw}' ليس رقمًا؛ اكتبه بالشكل 1.234,56 أو 1234.56.</translation>
    </message>
    <message>
        <source>'{raw}' has {count} decimal places; at most {places} are allowed. A single '.' is read as a decimal point: for thousands write 1234 or 1.234,00.</source>
        <translation>يحتوي '{raw}' على {count} منازل عشرية؛ والمسموح {places} على الأكثر. تُقرأ النقطة '.' المفردة فاصلةً عشرية: للآلاف اكتب 1234 أو 1.234,00.</translation>
    </message>
    <message>
        <source>'{raw}' has {count} decimal places; at most {places} are allowed.</source>
        <translation>يحتوي '{raw}' على {count} منازل عشرية؛ والمسموح {places} على الأكثر.</translation>
    </message>
</context>
<context>
    <name>permissions</name>
    <message>
        <source>view cases</source>
        <extracomment>Admins run the system but do not take part in the case work they might audit: they cannot edit cases or approve, and see ID numbers and IBANs masked (KVKK data minimisation; a person's export, a legal duty, is the audited exception). Supervisors approve; engineers prepare and submit.</extracomment>
        <translation>عرض الحالات</translation>
    </message>
    <message>
        <source>edit cases</source>
        <translation>تعديل الحالات</translation>
    </message>
    <message>
        <source>submit for approval</source>
        <translation>الإرسال للموافقة</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>الاعتماد</translation>
    </message>
    <message>
        <source>reopen approved records</source>
        <translation>إعادة فتح السجلات المعتمدة</translation>
    </message>
    <message>
        <source>see ID numbers and IBANs</source>
        <translation>رؤية أرقام الهوية وأرقام IBAN</translation>
    </message>
    <message>
        <source>view the audit trail</source>
        <translation>عرض سجل التدقيق</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>إدارة المستخدمين</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>تغيير الإعدادات</translation>
    </message>
    <message>
        <source>make backups</source>
        <translation>إنشاء نسخ احتياطية</translation>
    </message>
    <message>
        <source>restore backups</source>
        <translation>استعادة النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>export a person's data</source>
        <translation>تصدير بيانات شخص</translation>
    </message>
    <message>
        <source>erase or pseudonymise a person</source>
        <translation>محو بيانات شخص أو إخفاء هويته</translation>
    </message>
</context>
<context>
    <name>phone</name>
    <message>
        <source>Enter the mobile number.</source>
        <translation>أدخل رقم الهاتف المحمول.</translation>
    </message>
    <message>
        <source>'{raw}' is not a phone number; type digits, e.g. 0532 123 45 67.</source>
        <translation>'{raw}' ليس رقم هاتف؛ اكتب أرقامًا، مثل 0532 123 45 67.</translation>
    </message>
    <message>
        <source>Only Turkish mobile numbers (+90 5xx) can be stored; '{raw}' is not one.</source>
        <translation>لا يمكن حفظ إلا أرقام الهواتف المحمولة التركية (‎+90 5xx)؛ و'{raw}' ليس منها.</translation>
    </message>
    <message>
        <source>'{raw}' is not a Turkish mobile number: after the leading 0 it has 10 digits starting with 5, e.g. 0532 123 45 67.</source>
        <translation>'{raw}' ليس رقم هاتف محمول تركيًا: بعد الصفر الأول يأتي 10 أرقام تبدأ بـ 5، مثل 0532 123 45 67.</translation>
    </message>
</context>
<context>
    <name>photos</name>
    <message>
        <source>cannot be read ({detail}).</source>
        <extracomment>Decoders Pillow may use on user files: each extra decoder is extra attack surface. MPO is what Pillow calls a phone JPEG that carries a second (depth or preview) picture. Never read a file this large into a decoder; a 12 MP phone JPEG is 3-6 MB. Camera clocks rarely record their offset; Türkiye keeps UTC+3 all year since 2016. Türkiye's bounding box (Gökçeada to Iğdır, Hatay to Sinop), with a small margin. The start of files in formats people often try, to name the format in the refusal.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the file is empty; copy it from the camera again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the file is {detail} MB, more than a photo can be; choose the photo itself.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>this is not a photo (its content is not JPEG, PNG or WebP), whatever its name says.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{detail} files are not accepted; save the photo as JPEG (on an iPhone: Settings &gt; Camera &gt; Formats &gt; Most Compatible).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the photo is damaged or incomplete ({detail}); copy it from the camera again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the picture has {detail} megapixels, too many to open safely; save a smaller copy.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>duplicate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>refused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not imported</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the import was cancelled before this file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The tag {tag} is unknown; use before, during or after.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>already among this dwelling's photos (as {name}); not imported again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>could not be saved in {folder} ({reason}); nothing of it was kept.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not imported: the import stopped when a photo could not be saved ({reason}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>its GPS position ({latitude}, {longitude}) is outside Türkiye; check the camera's location setting, or that this is the right photo.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the same photo is also on dwelling {ref}; check it belongs to both.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This photo no longer exists; it may have been removed. Reopen the dwelling's photos.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The caption has {n} characters; shorten it to {max}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{component} is not an assessment component; choose one from the list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>That assessment is not one of this dwelling's; choose one from the list.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>preferences</name>
    <message>
        <source>'{code}' is not an interface language; choose one of {choices}.</source>
        <translation>'{code}' ليست لغة واجهة؛ اختر إحدى اللغات: {choices}.</translation>
    </message>
    <message>
        <source>This account has no preferences to keep.</source>
        <translation>لا توجد تفضيلات يمكن حفظها لهذا الحساب.</translation>
    </message>
</context>
<context>
    <name>privacy</name>
    <message>
        <source>household</source>
        <extracomment>Stored in place of a name. Not translated: it is data, the same in every language. What replaces an erased value in the audit trail. Agreements being prepared or in force: the parties' data is still needed to perform them.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>landlord</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The consent date {day} is in the future; enter the day the consent form was signed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot write {path}: {error}. Choose a folder you can write to.</source>
        <extracomment>Another person's data on records linked to this kind of person, masked in their export: a household's agreements carry the landlord's IBAN.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter the reason for erasing this person's data, e.g. the retention period ended or the person asked for erasure.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{ref} is a party to agreement {number}, which is still open; end it before erasing the data.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{ref} has {count} labour days not yet paid; pay them before erasing the data.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>'{kind}' is not a kind of person; use household, landlord or worker.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No {kind} {ref} exists; check the reference.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{ref} belongs to another office; ask that office or an administrator.</source>
        <translation>{ref} تابع لمكتب آخر؛ راجع ذلك المكتب أو مدير النظام.</translation>
    </message>
</context>
<context>
    <name>stage</name>
    <message>
        <source>Registered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Assessed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>BoQ drafted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>BoQ approved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Agreement signed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Works in progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Monitored</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>takeoff</name>
    <message>
        <source>Window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Door</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Room {n}</source>
        <translation>الغرفة {n}</translation>
    </message>
    <message>
        <source>Two rooms are called '{name}'; give each room its own name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The opening is in room '{room}', which is not in the rooms table; choose one of its rooms.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The number of such openings is a whole number from 1 to {most}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>'{room}' has openings in exterior walls: enter the length of its exterior walls, or mark the openings as interior.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The openings of '{room}' are larger than its walls; check their sizes and counts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>more than 0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{value} m is not a plausible measure here; enter metres from {low} to {most}, e.g. 3,45.</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
