"""Reference outputs of a real torchvision ResNet-18 for TorchParityTest (needs Debian's python3-torch
and python3-torchvision). Writes into OUT: resnet18.safetensors (the state dict, laid out by hand
as the safetensors format specifies), resnet18.pt (TorchScript, traced), input.f32 (2x3x64x64
pixels in [0, 255]) and logits.f32 (2x10), all little-endian float32."""
import json, struct, sys
import numpy as np
import torch, torchvision

out = sys.argv[1]
torch.manual_seed(0)
model = torchvision.models.resnet18(num_classes=10)
for m in model.modules():
    if isinstance(m, torch.nn.BatchNorm2d):  # non-trivial running statistics and affine parameters
        m.running_mean.uniform_(-0.2, 0.2)
        m.running_var.uniform_(0.5, 1.5)
        m.weight.data.uniform_(0.5, 1.5)
        m.bias.data.uniform_(-0.2, 0.2)
model.eval()

header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
for name, t in model.state_dict().items():
    a = t.detach().numpy()
    dtype = {np.float32: "F32", np.int64: "I64"}[a.dtype.type]
    b = a.astype(a.dtype.newbyteorder("<")).tobytes()
    header[name] = {"dtype": dtype, "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
    blobs.append(b)
    offset += len(b)
h = json.dumps(header).encode()
with open(out + "/resnet18.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))

pixels = torch.randint(0, 256, (2, 3, 64, 64)).float()
mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1) * 255
std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1) * 255
x = (pixels - mean) / std
with torch.no_grad():
    logits = model(x)
    torch.jit.trace(model, x).save(out + "/resnet18.pt")
pixels.numpy().astype("<f4").tofile(out + "/input.f32")
logits.numpy().astype("<f4").tofile(out + "/logits.f32")
