"""Problem kinds: safety: personal data, links, attachments and their PDFs."""

from __future__ import annotations

from .kind import Kind

KINDS = [
    Kind("personal-id", "error",
          "Trường “{field}” chứa số giống số định danh cá nhân/CCCD, CMND hoặc hộ chiếu ({value}).",
          "Field “{field}” holds what looks like a personal ID, old ID card or passport number ({value}).",
          "Xóa số giấy tờ tùy thân khỏi hồ sơ công khai (thay bằng “[đã lược bỏ]”); không công bố số định danh của cá nhân.",
          "Remove the identity-document number from the public record (write “[đã lược bỏ]” instead)."),
    Kind("personal-phone", "error",
          "Trường “{field}” chứa số điện thoại không phải số chính thức của đơn vị ({value}).",
          "Field “{field}” holds a phone number that is not a unit's official number ({value}).",
          "Xóa số điện thoại cá nhân (thay bằng “[đã lược bỏ]”); số đường dây nóng của đơn vị phải có trong data/units.csv.",
          "Remove the private phone number (write “[đã lược bỏ]”); a unit's hotline must be listed in data/units.csv."),
    Kind("personal-email", "error",
          "Trường “{field}” chứa địa chỉ thư điện tử không thuộc tên miền chính thức ({value}).",
          "Field “{field}” holds an e-mail address outside the official domains ({value}).",
          "Xóa địa chỉ thư điện tử cá nhân (thay bằng “[đã lược bỏ]”); chỉ ghi địa chỉ của đơn vị (có trong units.csv hoặc đuôi {domains}).",
          "Remove the private e-mail address (write “[đã lược bỏ]”); only a unit's address (in units.csv or under {domains}) may appear."),
    Kind("requester-not-masked", "error",
          "Người yêu cầu được ghi bằng họ tên, chưa ở dạng đã che.",
          "The requester is written by name, not masked.",
          "Chỉ ghi danh xưng và chữ cái đầu có dấu chấm, ở đây là “{value}” (ví dụ khác: “Bà T.T.B.”, “Anh H.”); hoặc bỏ trường này.",
          "Write only a form of address and initials with dots, here “{value}” (other examples: “Bà T.T.B.”, “Anh H.”); or drop the field."),
    Kind("personal-name", "error",
          "Trường “{field}” chứa họ tên của một cá nhân ({value}).",
          "Field “{field}” holds the name of a private person ({value}).",
          "Người dân: ghi danh xưng và chữ cái đầu, ví dụ “Ông {value}” hoặc “Bà {value}”, thay cho họ tên. Trường "
          "chức danh (answered_by, chaired_by) chỉ ghi chức danh, ví dụ “Chủ tịch UBND xã”. Cán bộ được nêu tên theo "
          "chức vụ công trong nội dung: khai báo trong trường named_officials của hồ sơ: “Họ và tên (chức vụ)”, các "
          "người cách nhau bằng dấu “;”.",
          "A citizen: write a form of address and initials, e.g. “Ông {value}” or “Bà {value}”, instead of the name. "
          "Title fields (answered_by, chaired_by) hold the title only, e.g. “Chủ tịch UBND xã”. An official named in "
          "a public role in the text: declare it in the record's named_officials field: “Full name (position)”, "
          "separated by “;”."),
    Kind("personal-birth", "error",
          "Trường “{field}” chứa ngày hoặc năm sinh của một cá nhân ({value}).",
          "Field “{field}” holds the birth date or year of a person ({value}).",
          "Xóa ngày, năm sinh (thay bằng “[đã lược bỏ]”); nếu tuổi có ý nghĩa cho nội dung, ghi chung như “người cao tuổi”.",
          "Remove the birth date or year (write “[đã lược bỏ]”); if age matters, write a group such as “người cao tuổi”."),
    Kind("personal-address", "error",
          "Trường “{field}” chứa địa chỉ nơi ở của một cá nhân ({value}).",
          "Field “{field}” holds the home address of a person ({value}).",
          "Xóa nơi ở, số nhà, tên đường của người dân (thay bằng “[đã lược bỏ]”); nếu cần nêu nơi phát sinh sự việc, "
          "chỉ ghi địa bàn (thôn, tổ dân phố, xã) mà không gắn với người.",
          "Remove the person's residence, house number and street (write “[đã lược bỏ]”); to say where the matter arose, "
          "name the area (village, ward) without tying it to the person."),
    Kind("personal-bank", "error",
          "Trường “{field}” chứa số tài khoản ngân hàng của cá nhân ({value}).",
          "Field “{field}” holds a personal bank account number ({value}).",
          "Xóa số tài khoản (thay bằng “[đã lược bỏ]”). Tài khoản của cơ quan nhà nước mở tại Kho bạc Nhà nước "
          "thì ghi kèm “Kho bạc Nhà nước” hoặc “của UBND …”.",
          "Remove the account number (write “[đã lược bỏ]”). A public body's account at the State Treasury is written "
          "with “Kho bạc Nhà nước” or “của UBND …” beside it."),
    Kind("personal-plate", "error",
          "Trường “{field}” chứa biển số xe gắn với một cá nhân ({value}).",
          "Field “{field}” holds a vehicle plate tied to a person ({value}).",
          "Xóa biển số (thay bằng “[đã lược bỏ]”) hoặc chỉ ghi loại phương tiện (xe máy, xe ô tô); biển số xe công "
          "thì ghi rõ “xe công” hoặc “xe của UBND …”.",
          "Remove the plate (write “[đã lược bỏ]”) or name only the kind of vehicle; for a public vehicle write "
          "“xe công” or “xe của UBND …”."),
    Kind("sensitive-data", "warning",
          "Trường “{field}” có thể chứa dữ liệu cá nhân nhạy cảm về {detail} (“{value}”).",
          "Field “{field}” may hold sensitive personal data about {detail} (“{value}”).",
          "Dữ liệu về sức khỏe, tôn giáo, dân tộc, tiền án, tiền sự của một người là dữ liệu nhạy cảm (Nghị định "
          "356/2025/NĐ-CP): xóa nếu câu này nói về người yêu cầu hoặc một cá nhân; giữ nếu chỉ nói về chính sách chung.",
          "Health, religion, ethnicity and criminal records of a person are sensitive data (Decree 356/2025): remove "
          "them if the sentence is about the requester or another person; keep them if it is about a general policy."),
    Kind("named-official-format", "error",
          "Mục “{value}” của trường “{field}” không ở dạng “Họ và tên (chức vụ)”.",
          "Item “{value}” of field “{field}” is not written “Full name (position)”.",
          "Mỗi cán bộ một mục, cách nhau bằng dấu “;”, ví dụ “Nguyễn Văn A (Chủ tịch UBND xã); Trần Thị B (Phó Chủ tịch "
          "UBND xã)”. Chỉ khai báo người được nêu tên theo chức vụ công, không khai báo người dân.",
          "One official per item, separated by “;”, e.g. “Nguyễn Văn A (Chủ tịch UBND xã); Trần Thị B (Phó Chủ tịch "
          "UBND xã)”. Declare only people named in a public role, never citizens."),
    Kind("unsafe-link", "error",
          "Trường “{field}” chứa liên kết không được phép “{value}”.",
          "Field “{field}” holds a link that is not allowed “{value}”.",
          "Liên kết chỉ được bắt đầu bằng https:// hoặc http:// và không chứa dấu cách, dấu nháy, dấu < >.",
          "Links may only start with https:// or http:// and hold no spaces, quotes or < >."),
    Kind("attachment-path", "error",
          "Tệp đính kèm “{value}” không hợp lệ: {detail}.",
          "Attachment “{value}” is not valid: {detail}.",
          "Ghi dạng tep/<tên tệp>.pdf; tên tệp chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới; tệp đặt trong data/<mã đơn vị>/tep/.",
          "Write tep/<file name>.pdf; the name uses letters without accents, digits, dots, hyphens, underscores; the file lives in data/<unit>/tep/."),
    Kind("attachment-missing", "error",
          "Không tìm thấy tệp đính kèm “{value}” (cần có tệp {detail}).",
          "Attachment “{value}” not found (expected the file {detail}).",
          "Thêm tệp vào đúng thư mục hoặc sửa tên tệp trong hồ sơ cho khớp (phân biệt chữ hoa, chữ thường).",
          "Add the file in that folder or correct its name in the record (case matters)."),
    Kind("attachment-type", "error",
          "Tệp đính kèm “{value}” không đúng loại cho phép ({detail}).",
          "Attachment “{value}” is not an allowed type ({detail}).",
          "Chỉ đính kèm tệp {allowed}; xuất văn bản đã ký ra PDF rồi đính kèm lại.",
          "Only {allowed} files are allowed; export the signed document to PDF and attach it again."),
    Kind("attachment-too-large", "error",
          "Tệp đính kèm “{value}” quá lớn ({detail} byte, tối đa {limit} byte).",
          "Attachment “{value}” is too large ({detail} bytes, at most {limit}).",
          "Nén hoặc quét lại văn bản với độ phân giải thấp hơn (150 dpi, đen trắng).",
          "Compress it or rescan at a lower resolution (150 dpi, black and white)."),
    Kind("attachment-unreadable", "error",
          "Không đọc được tệp đính kèm “{value}” như một tệp PDF: {detail}.",
          "Attachment “{value}” cannot be read as a PDF: {detail}.",
          "Mở thử tệp trên máy. Tệp hỏng hoặc tải lên dở dang: xuất lại PDF từ văn bản gốc (hoặc quét lại bản giấy) rồi "
          "đính kèm lại. Tệp có mật khẩu mở: lưu lại bản không đặt mật khẩu; văn bản công khai không cần mật khẩu.",
          "Open the file on your computer. If it is damaged or was uploaded halfway, export the PDF again from the "
          "original (or rescan the paper) and attach it again; if it needs a password to open, save a copy without one."),
    Kind("attachment-active-content", "error",
          "Tệp đính kèm “{value}” chứa thành phần không phải văn bản, có thể chạy mã hoặc gửi dữ liệu ra ngoài: {detail}.",
          "Attachment “{value}” carries more than a document, content that can run code or send data out: {detail}.",
          "In lại văn bản ra PDF (Windows: Tệp → In → chọn máy in “Microsoft Print to PDF”; hoặc mở trong trình duyệt "
          "và chọn In → Lưu dưới dạng PDF), hoặc xuất lại từ Word bằng Tệp → Lưu thành → PDF; ký số lại nếu cần rồi "
          "đính kèm tệp mới. Không đính kèm biểu mẫu điền được, tệp có tệp khác gói bên trong hay nút bấm, mã lệnh.",
          "Print the document to PDF again (Windows: File → Print → “Microsoft Print to PDF”, or a browser's Print → "
          "Save as PDF), or export it again from Word (File → Save As → PDF); sign it again if needed and attach the "
          "new file. Do not attach fillable forms, files with other files inside, buttons or scripts."),
    Kind("attachment-metadata-personal", "error",
          "Thuộc tính “{property}” của tệp đính kèm “{value}” chứa {detail}.",
          "Property “{property}” of attachment “{value}” holds personal data: {detail}.",
          "Xóa thông tin cá nhân khỏi thuộc tính của tệp gốc rồi xuất lại PDF: trong Word chọn Tệp → Thông tin → "
          "Kiểm tra vấn đề → Kiểm tra tài liệu → “Xóa tất cả” ở mục Thuộc tính tài liệu và thông tin cá nhân; hoặc in "
          "lại ra PDF (Microsoft Print to PDF). Tệp gốc nằm trong kho dữ liệu công khai, nên phải sửa cả khi cổng xóa "
          "thuộc tính ở bản đăng.",
          "Remove the personal data from the original file's properties and export the PDF again (Word: File → Info → "
          "Check for Issues → Inspect Document → Remove All under Document Properties and Personal Information), or "
          "print it to PDF again. The original is in the public data repository: fix it even when the portal strips "
          "the published copy."),
    Kind("attachment-metadata-sensitive", "warning",
          "Thuộc tính “{property}” của tệp đính kèm “{value}” có thể chứa thông tin nhạy cảm: {detail}.",
          "Property “{property}” of attachment “{value}” may hold sensitive data: {detail}.",
          "Kiểm tra thuộc tính của tệp (trong trình đọc PDF: Tệp → Thuộc tính); nếu đúng là thông tin của một người, "
          "xóa khỏi tệp gốc rồi xuất lại PDF.",
          "Check the file's properties (in a PDF reader: File → Properties); if it is about a person, remove it from "
          "the original and export the PDF again."),
    Kind("attachment-metadata-author", "warning",
          "Tác giả ghi trong thuộc tính “{property}” của tệp đính kèm “{value}” có vẻ là tên một cá nhân ({detail}).",
          "The author in property “{property}” of attachment “{value}” looks like a private person's name ({detail}).",
          "Trước khi xuất PDF, ghi tên đơn vị làm tác giả hoặc xóa tác giả (Word: Tệp → Thông tin → Thuộc tính → "
          "Tác giả). Cổng tự xóa thuộc tính ở bản đăng khi data/portal.yaml có strip_pdf_metadata: true, trừ tệp có "
          "chữ ký số (xóa sẽ làm hỏng chữ ký).",
          "Before exporting the PDF, write the unit's name as author or remove it (Word: File → Info → Properties → "
          "Author). The portal strips the published copy when data/portal.yaml has strip_pdf_metadata: true, except "
          "for signed files (stripping would break the signature)."),
]
