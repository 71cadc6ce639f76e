"""Problem kinds: a unit's internal regulations (data/<unit>/quy-che/), their versions and reviews."""

from __future__ import annotations

from .kind import Kind

KINDS = [
    Kind("regulation-unknown-link", "error",
          "Trường “{field}” trỏ tới văn bản “{value}” nhưng đơn vị {detail} không có quy chế, quy định nào mang mã này.",
          "Field “{field}” points to “{value}” but unit {detail} has no regulation with that id.",
          "Ghi đúng mã của văn bản cùng đơn vị (tên tệp trong data/{detail}/quy-che/, bỏ đuôi .yaml), "
          "hoặc thêm hồ sơ văn bản đó trước.",
          "Write the id of a regulation of the same unit (a file name in data/{detail}/quy-che/ without .yaml), "
          "or add that regulation first."),
    Kind("regulation-link-mismatch", "error",
          "Trường “{field}” ghi “{value}” nhưng {detail}.",
          "Field “{field}” says “{value}” but {detail}.",
          "Hai văn bản phải trỏ tới nhau: văn bản mới ghi replaces là mã văn bản cũ, văn bản cũ ghi replaced_by "
          "là mã văn bản mới; một văn bản không thay thế chính nó.",
          "The two must point to each other: the new one's replaces is the old id, the old one's replaced_by "
          "the new id; a regulation cannot replace itself."),
    Kind("regulation-ended-without-successor", "error",
          "Văn bản có hiệu lực “{value}” nhưng không ghi văn bản thay thế (replaced_by) hay ngày sửa đổi, "
          "hết hiệu lực (ended_on).",
          "The regulation's status is “{value}” but neither replaced_by nor ended_on is given.",
          "Ghi replaced_by là mã văn bản sửa đổi, thay thế, hoặc ended_on là ngày hết hiệu lực; nếu văn bản "
          "vẫn đang áp dụng thì ghi status: in_force.",
          "Give replaced_by (the id of the new version) or ended_on (the date it ended); if it still applies, "
          "write status: in_force."),
    Kind("regulation-in-force-ended", "error",
          "Văn bản ghi hiệu lực “Còn hiệu lực” nhưng lại có “{field}” ({value}).",
          "The regulation is marked in force but “{field}” ({value}) is given.",
          "Nếu văn bản đã được sửa đổi thì ghi status: amended, đã bị bãi bỏ thì ghi status: repealed; "
          "nếu vẫn còn hiệu lực thì xóa dòng “{field}”.",
          "If it was amended write status: amended, if repealed status: repealed; if it still applies, remove "
          "“{field}”."),
    Kind("review-due-not-after", "error",
          "Hạn rà soát tiếp theo next_review_due ({value}) không ở sau {detail}.",
          "The next review date next_review_due ({value}) is not after {detail}.",
          "Hạn rà soát tiếp theo phải sau ngày rà soát gần nhất (hoặc sau ngày ban hành nếu chưa rà soát); "
          "sau mỗi lần rà soát, ghi ngày rà soát vào last_reviewed_on và đặt hạn mới.",
          "The next review must come after the last review (or after issue if never reviewed); after each "
          "review, set last_reviewed_on and a new due date."),
]
